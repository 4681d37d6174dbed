import { cleanUuid, cleanValue, compact, joinMacs, type FingerprintSource } from './components.ts';
import type { ProbeCommand } from './probe.ts';

// One PowerShell start for every CIM class (each start costs a few hundred milliseconds).
const CIM_SCRIPT = [
  "$ErrorActionPreference = 'SilentlyContinue'",
  '$systemDisk = $null',
  'try { $systemDisk = (Get-Partition -DriveLetter $env:SystemDrive.Substring(0, 1) | Get-Disk).SerialNumber } catch {}',
  '[pscustomobject]@{',
  '  BaseBoard = Get-CimInstance Win32_BaseBoard | Select-Object SerialNumber',
  '  Product = Get-CimInstance Win32_ComputerSystemProduct | Select-Object UUID',
  '  SystemDiskSerial = $systemDisk',
  '  Disks = @(Get-CimInstance Win32_DiskDrive | Select-Object Index, MediaType, SerialNumber)',
  '  Processors = @(Get-CimInstance Win32_Processor | Select-Object Name, ProcessorId)',
  "  Adapters = @(Get-CimInstance Win32_NetworkAdapter -Filter 'PhysicalAdapter=True' | Select-Object MACAddress, PNPDeviceID)",
  '  OS = Get-CimInstance Win32_OperatingSystem | Select-Object SerialNumber',
  '} | ConvertTo-Json -Depth 3 -Compress',
].join('\n');

export const WINDOWS_COMMANDS = {
  cim: {
    id: 'powershell-cim',
    command: 'powershell.exe',
    // -EncodedCommand (UTF-16LE, base64) sidesteps every quoting rule of cmd and CreateProcess.
    args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(CIM_SCRIPT, 'utf16le').toString('base64')],
  },
  // /reg:64 so a 32-bit app reads the same key as a 64-bit one.
  machineGuid: { id: 'reg-machine-guid', command: 'reg.exe', args: ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid', '/reg:64'] },
  // wmic, for machines where PowerShell is missing or blocked by policy.
  wmicBaseBoard: { id: 'wmic-baseboard', command: 'wmic', args: ['baseboard', 'get', 'SerialNumber', '/value'] },
  wmicProduct: { id: 'wmic-csproduct', command: 'wmic', args: ['csproduct', 'get', 'UUID', '/value'] },
  wmicDisks: { id: 'wmic-diskdrive', command: 'wmic', args: ['diskdrive', 'get', 'Index,MediaType,SerialNumber', '/value'] },
  wmicCpu: { id: 'wmic-cpu', command: 'wmic', args: ['cpu', 'get', 'Name,ProcessorId', '/value'] },
  wmicAdapters: { id: 'wmic-nic', command: 'wmic', args: ['nic', 'where', 'PhysicalAdapter=TRUE', 'get', 'MACAddress,PNPDeviceID', '/value'] },
  wmicOs: { id: 'wmic-os', command: 'wmic', args: ['os', 'get', 'SerialNumber', '/value'] },
} satisfies Record<string, ProbeCommand>;

type Row = Record<string, string | number | null | undefined>;

interface CimAnswer {
  BaseBoard?: Row | null;
  Product?: Row | null;
  SystemDiskSerial?: string | null;
  Disks?: Row[] | Row | null;
  Processors?: Row[] | Row | null;
  Adapters?: Row[] | Row | null;
  OS?: Row | null;
}

const rows = (value: Row[] | Row | null | undefined): Row[] => (Array.isArray(value) ? value : value ? [value] : []);
const text = (value: unknown) => (value == null ? null : String(value));

/** `wmic … /value` output: records of Key=Value lines separated by blank lines (wmic ends lines with \r\r\n). */
export function parseWmicValues(output: string | null): Row[] {
  if (!output) return [];
  return output.split(/(?:\r*\n){2,}/).map((block) => {
    const row: Row = {};
    for (const line of block.split(/\r*\n/)) {
      const eq = line.indexOf('=');
      if (eq > 0) row[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
    return row;
  }).filter((row) => Object.keys(row).length > 0);
}

async function cimAnswer(run: (c: ProbeCommand) => Promise<string | null>): Promise<CimAnswer> {
  const json = await run(WINDOWS_COMMANDS.cim);
  if (json) {
    try {
      return JSON.parse(json) as CimAnswer;
    } catch {
      // fall through to wmic
    }
  }
  const [board, product, disks, cpus, adapters, os] = await Promise.all(
    [WINDOWS_COMMANDS.wmicBaseBoard, WINDOWS_COMMANDS.wmicProduct, WINDOWS_COMMANDS.wmicDisks, WINDOWS_COMMANDS.wmicCpu, WINDOWS_COMMANDS.wmicAdapters, WINDOWS_COMMANDS.wmicOs]
      .map(async (c) => parseWmicValues(await run(c))),
  );
  return { BaseBoard: board[0], Product: product[0], Disks: disks, Processors: cpus, Adapters: adapters, OS: os[0] };
}

/** The system disk's serial; failing that, the fixed disk with the lowest index that has one. */
function diskSerial(answer: CimAnswer): string | null {
  const system = cleanValue(answer.SystemDiskSerial);
  if (system) return system;
  const fixed = rows(answer.Disks)
    .filter((d) => /fixed/i.test(String(d.MediaType ?? '')))
    .sort((a, b) => Number(a.Index) - Number(b.Index));
  return fixed.map((d) => cleanValue(text(d.SerialNumber))).find((s) => s) ?? null;
}

/**
 * Windows: the registry's MachineGuid, and from CIM (PowerShell, or wmic where PowerShell is
 * unavailable) the system UUID, base board serial, system disk serial, processor, physical adapters
 * that are not USB or software devices, and the OS product id.
 */
export const windowsSource: FingerprintSource = {
  platform: 'win32',
  async collect(probe) {
    const [reg, answer] = await Promise.all([probe.run(WINDOWS_COMMANDS.machineGuid), cimAnswer((c) => probe.run(c))]);
    const cpu = rows(answer.Processors)[0];
    const adapters = rows(answer.Adapters).filter((a) => !/^(USB|ROOT|SWD)\\/i.test(String(a.PNPDeviceID ?? '')));
    return compact({
      machine_id: cleanValue(reg?.match(/MachineGuid\s+REG_SZ\s+(\S+)/i)?.[1])?.toLowerCase(),
      system_uuid: cleanUuid(text(answer.Product?.UUID)),
      board_serial: cleanValue(text(answer.BaseBoard?.SerialNumber)),
      disk_serial: diskSerial(answer),
      cpu: cpu ? cleanValue([cpu.Name, cpu.ProcessorId].filter(Boolean).join(' ')) : null,
      mac: joinMacs(adapters.map((a) => text(a.MACAddress))),
      os_install_id: cleanValue(text(answer.OS?.SerialNumber)),
    });
  },
};
