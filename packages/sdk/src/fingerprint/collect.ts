import type { FingerprintSource, RawComponents } from './components.ts';
import { linuxSource } from './linux.source.ts';
import { macosSource } from './macos.source.ts';
import { nodeProbe, type SystemProbe } from './probe.ts';
import { windowsSource } from './windows.source.ts';

export const FINGERPRINT_SOURCES: Record<FingerprintSource['platform'], FingerprintSource> = {
  linux: linuxSource,
  win32: windowsSource,
  darwin: macosSource,
};

/**
 * This machine's raw components, from the source for its operating system. On a platform with no
 * source the answer is empty, and the server will answer TOO_FEW_COMPONENTS.
 */
export async function collectComponents(options: { platform?: NodeJS.Platform; probe?: SystemProbe } = {}): Promise<RawComponents> {
  const source = FINGERPRINT_SOURCES[(options.platform ?? process.platform) as FingerprintSource['platform']];
  if (!source) return {};
  try {
    return await source.collect(options.probe ?? nodeProbe);
  } catch {
    return {};
  }
}
