import type { DemoCredentials, RunningServer } from '@leasehold/server';

/** Whether this build serves the customer portal (it arrives in a later release). Asked of the router, so no request is logged. */
export function portalServed(app: RunningServer['app'], path: string): boolean {
  return app.hasRoute({ method: 'GET', url: path }) || app.hasRoute({ method: 'GET', url: `${path}*` });
}

/** The demo's credentials as a person reads them: each is shown once, here. */
export function demoCredentialLines(demo: DemoCredentials, url: string, portal: boolean): string[] {
  const basic = `${demo.customer.number}:${demo.customer.registrationKey}`;
  return [
    'Demo data seeded. These credentials are shown only now; copy them:',
    `  Admin API key:     ${demo.adminApiKey}`,
    '                     (Authorization: Bearer <key>)',
    `  Demo customer:     ${demo.customer.name}`,
    `    customer number:  ${demo.customer.number}`,
    `    registration key: ${demo.customer.registrationKey}`,
    `  Integration key:   ${demo.integrationKey}`,
    '                     (the EMR bridge reports providers and schedules with it)',
    `  Portal:            ${url}${demo.portalPath}${portal ? '' : '  (not served yet: the portal comes in a later release)'}`,
    `  Admin console:     ${url}${demo.adminPath}`,
    `    staff email:      ${demo.staff.email}`,
    `    staff password:   ${demo.staff.password}`,
    '',
    'Try activating a computer as the demo customer:',
    `  curl -u '${basic}' -H 'content-type: application/json' ${url}/v1/activations \\`,
    `    -d '{"product":"${demo.desktopProduct}","hostName":"MY-PC","platform":"linux","appVersion":"1.0.0","fingerprint":{"machine_id":"demo-0001","board_serial":"demo-0002","disk_serial":"demo-0003","cpu":"demo-0004","mac":"demo-0005"}}'`,
  ];
}
