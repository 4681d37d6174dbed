import { cleanUuid, cleanValue, compact, joinMacs, type FingerprintSource } from './components.ts';
import type { ProbeCommand, SystemProbe } from './probe.ts';

// MOUNTPOINTS lists every mount of a device (util-linux 2.37+); older lsblk only knows MOUNTPOINT.
export const LSBLK_COMMANDS: ProbeCommand[] = [
  { id: 'lsblk-mountpoints', command: 'lsblk', args: ['--json', '--output', 'NAME,TYPE,SERIAL,UUID,MOUNTPOINTS'] },
  { id: 'lsblk-mountpoint', command: 'lsblk', args: ['--json', '--output', 'NAME,TYPE,SERIAL,UUID,MOUNTPOINT'] },
];

interface BlockDevice {
  name: string;
  type: string;
  serial?: string | null;
  uuid?: string | null;
  mountpoint?: string | null;
  mountpoints?: (string | null)[];
  children?: BlockDevice[];
}

/** The disk that holds `/` and the root file system's UUID (new at every install), through LUKS and LVM layers. */
export function rootStorage(lsblkJson: string | null): { diskSerial: string | null; rootUuid: string | null } {
  const none = { diskSerial: null, rootUuid: null };
  if (!lsblkJson) return none;
  let devices: BlockDevice[];
  try {
    devices = (JSON.parse(lsblkJson) as { blockdevices?: BlockDevice[] }).blockdevices ?? [];
  } catch {
    return none;
  }
  const isRoot = (d: BlockDevice) => d.mountpoint === '/' || (d.mountpoints ?? []).includes('/');
  const findRoot = (d: BlockDevice): BlockDevice | null => (isRoot(d) ? d : (d.children ?? []).map(findRoot).find((x) => x) ?? null);
  for (const disk of devices.filter((d) => d.type === 'disk')) {
    const root = findRoot(disk);
    if (root) return { diskSerial: cleanValue(disk.serial), rootUuid: cleanUuid(root.uuid) };
  }
  return none;
}

/** The processor's identity from the first block of /proc/cpuinfo (x86 and ARM name it differently). */
export function cpuIdentity(cpuinfo: string | null): string | null {
  if (!cpuinfo) return null;
  const first = cpuinfo.split(/\n\s*\n/)[0];
  const fields = new Map(first.split('\n').filter((line) => line.includes(':')).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const;
  }));
  const keys = fields.has('vendor_id')
    ? ['vendor_id', 'model name', 'cpu family', 'model', 'stepping']
    : ['CPU implementer', 'CPU architecture', 'CPU variant', 'CPU part', 'CPU revision'];
  const parts = keys.map((k) => fields.get(k)).filter((v): v is string => !!v);
  return parts.length >= 2 ? cleanValue(parts.join(' ')) : null;
}

/** Adapters on a bus of this machine: not virtual (bridges, veth, tunnels) and not USB (dongles come and go). */
async function physicalMacs(probe: SystemProbe): Promise<string | null> {
  const names = (await probe.listDir('/sys/class/net')) ?? [];
  const addresses = await Promise.all(names.filter((n) => n !== 'lo').map(async (name) => {
    const device = await probe.realPath(`/sys/class/net/${name}`);
    if (!device || device.includes('/virtual/') || device.includes('/usb')) return null;
    return probe.readFile(`/sys/class/net/${name}/address`);
  }));
  return joinMacs(addresses);
}

async function firstReadable(probe: SystemProbe, paths: string[]): Promise<string | null> {
  for (const p of paths) {
    const content = await probe.readFile(p);
    if (content !== null) return content;
  }
  return null;
}

async function firstOutput(probe: SystemProbe, commands: ProbeCommand[]): Promise<string | null> {
  for (const c of commands) {
    const output = await probe.run(c);
    if (output !== null) return output;
  }
  return null;
}

/**
 * Linux: /etc/machine-id, the DMI product UUID and board serial (readable by root only on most
 * distributions, so usually absent for a desktop user), the root disk's serial and root file system
 * UUID from lsblk, /proc/cpuinfo, and the permanent addresses of bus-attached network adapters.
 */
export const linuxSource: FingerprintSource = {
  platform: 'linux',
  async collect(probe) {
    const [machineId, productUuid, boardSerial, cpuinfo, lsblk, mac] = await Promise.all([
      firstReadable(probe, ['/etc/machine-id', '/var/lib/dbus/machine-id']),
      probe.readFile('/sys/class/dmi/id/product_uuid'),
      probe.readFile('/sys/class/dmi/id/board_serial'),
      probe.readFile('/proc/cpuinfo'),
      firstOutput(probe, LSBLK_COMMANDS),
      physicalMacs(probe),
    ]);
    const storage = rootStorage(lsblk);
    return compact({
      machine_id: cleanValue(machineId)?.toLowerCase(),
      system_uuid: cleanUuid(productUuid),
      board_serial: cleanValue(boardSerial),
      disk_serial: storage.diskSerial,
      cpu: cpuIdentity(cpuinfo),
      mac,
      os_install_id: storage.rootUuid,
    });
  },
};
