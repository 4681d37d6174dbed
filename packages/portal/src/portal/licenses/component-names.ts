import { useTranslation } from 'react-i18next';

const KNOWN = ['machine_id', 'board_serial', 'disk_serial', 'cpu', 'mac', 'os_install_id', 'bios_serial', 'system_uuid'] as const;

/** Fingerprint components in words ("Disk serial number"); a name the portal does not know is shown as sent. */
export function useComponentName(): (name: string) => string {
  const { t } = useTranslation();
  return (name) => ((KNOWN as readonly string[]).includes(name) ? t(`components.${name as (typeof KNOWN)[number]}`) : name);
}
