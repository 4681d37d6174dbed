import { cleanUuid, cleanValue, compact, joinMacs, type FingerprintSource } from './components.ts';
import type { ProbeCommand, SystemProbe } from './probe.ts';

export const MACOS_COMMANDS = {
  platform: { id: 'ioreg-platform', command: 'ioreg', args: ['-rd1', '-c', 'IOPlatformExpertDevice'] },
  storage: { id: 'system-profiler-storage', command: 'system_profiler', args: ['-json', 'SPNVMeDataType', 'SPSerialATADataType'] },
  cpu: { id: 'sysctl-cpu', command: 'sysctl', args: ['-n', 'machdep.cpu.brand_string'] },
  ports: { id: 'networksetup-ports', command: 'networksetup', args: ['-listallhardwareports'] },
  // The Data volume (Catalina and later) is created at install and survives system updates; older systems have one volume.
  dataVolume: { id: 'diskutil-data-volume', command: 'diskutil', args: ['info', '/System/Volumes/Data'] },
  rootVolume: { id: 'diskutil-root-volume', command: 'diskutil', args: ['info', '/'] },
} satisfies Record<string, ProbeCommand>;

const ioregValue = (output: string | null, key: string) => output?.match(new RegExp(`"${key}" = "([^"]*)"`))?.[1] ?? null;

interface StorageItem {
  bsd_name?: string;
  device_serial?: string;
  _items?: StorageItem[];
}

/** The serial of disk0 (the internal boot disk), else the first storage device that has one. */
export function bootDiskSerial(json: string | null): string | null {
  if (!json) return null;
  let data: Record<string, StorageItem[]>;
  try {
    data = JSON.parse(json) as Record<string, StorageItem[]>;
  } catch {
    return null;
  }
  const items: StorageItem[] = [];
  const walk = (list: StorageItem[] | undefined) => list?.forEach((item) => { items.push(item); walk(item._items); });
  for (const list of Object.values(data)) walk(list);
  const withSerial = items.filter((i) => cleanValue(i.device_serial));
  const boot = withSerial.find((i) => i.bsd_name === 'disk0') ?? withSerial[0];
  return boot ? cleanValue(boot.device_serial) : null;
}

// Adapters that come and go or are not hardware of this Mac.
const TRANSIENT_PORTS = /usb|bluetooth|thunderbolt|iphone|ipad|vpn|bridge/i;

/** Built-in adapters' hardware addresses from `networksetup -listallhardwareports`. */
export function builtInMacs(output: string | null): string | null {
  if (!output) return null;
  const ports = output.split(/\n\s*\n/).map((block) => ({
    port: block.match(/Hardware Port:\s*(.+)/)?.[1] ?? '',
    address: block.match(/Ethernet Address:\s*(\S+)/)?.[1] ?? null,
  }));
  return joinMacs(ports.filter((p) => p.port && !TRANSIENT_PORTS.test(p.port)).map((p) => p.address));
}

async function volumeUuid(probe: SystemProbe): Promise<string | null> {
  for (const c of [MACOS_COMMANDS.dataVolume, MACOS_COMMANDS.rootVolume]) {
    const uuid = (await probe.run(c))?.match(/Volume UUID:\s*([0-9A-Fa-f-]{36})/)?.[1];
    if (uuid) return cleanUuid(uuid);
  }
  return null;
}

/**
 * macOS: the platform UUID and serial number from ioreg, the boot disk's serial from
 * system_profiler, the CPU brand, built-in adapters' addresses, and the Data volume's UUID as the OS
 * install id. macOS has no separate machine id, so that component is left out.
 */
export const macosSource: FingerprintSource = {
  platform: 'darwin',
  async collect(probe) {
    const [ioreg, storage, cpu, ports, osVolume] = await Promise.all([
      probe.run(MACOS_COMMANDS.platform),
      probe.run(MACOS_COMMANDS.storage),
      probe.run(MACOS_COMMANDS.cpu),
      probe.run(MACOS_COMMANDS.ports),
      volumeUuid(probe),
    ]);
    return compact({
      machine_id: null,
      system_uuid: cleanUuid(ioregValue(ioreg, 'IOPlatformUUID')),
      board_serial: cleanValue(ioregValue(ioreg, 'IOPlatformSerialNumber')),
      disk_serial: bootDiskSerial(storage),
      cpu: cleanValue(cpu),
      mac: builtInMacs(ports),
      os_install_id: osVolume,
    });
  },
};
