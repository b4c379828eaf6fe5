import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeWithTool, findTool } from '../helpers/external-tool';
import { alertRules, amtool, renderConfig, renderScript, root } from './alertmanager';

const tool = amtool();
const busybox = findTool('busybox');
const FULL_ENV = {
  ALERT_WEBHOOK_URL: 'https://hooks.example/team?token=a"b\\c',
  ALERT_EMAIL_TO: 'oncall@example.com, lead@example.com',
  ALERT_SMTP_SMARTHOST: 'smtp.example.com:587',
  ALERT_SMTP_FROM: 'alertmanager@example.com',
  ALERT_SMTP_USERNAME: 'alerts',
  ALERT_SMTP_PASSWORD: 'pa$$ "word" ${HOME}',
};
type Receiver = { name: string; webhook_configs?: { url: string }[]; email_configs?: { to: string }[] };
type Rendered = {
  global: Record<string, unknown>;
  receivers: Receiver[];
  templates: string[];
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twitter-api-alertmanager-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rendered(env: Record<string, string>, name: string) {
  const file = join(dir, name);
  const result = renderConfig(env, file);
  return { file, result, config: () => parse(readFileSync(file, 'utf8')) as Rendered };
}

describe('the Alertmanager config rendered from the environment', () => {
  test('when a webhook and a mailbox are set, then both receivers get both, and every value arrives as it was given', () => {
    const { result, config } = rendered(FULL_ENV, 'full.yml');

    expect(result.status).toBe(0);
    expect(config().receivers.map((receiver) => receiver.name)).toEqual(['page', 'ticket']);
    for (const receiver of config().receivers) {
      expect(receiver.webhook_configs?.map((hook) => hook.url)).toEqual([FULL_ENV.ALERT_WEBHOOK_URL]);
      expect(receiver.email_configs?.map((mail) => mail.to)).toEqual([FULL_ENV.ALERT_EMAIL_TO]);
    }
    expect(config().global).toMatchObject({
      smtp_smarthost: FULL_ENV.ALERT_SMTP_SMARTHOST,
      smtp_from: FULL_ENV.ALERT_SMTP_FROM,
      smtp_auth_username: 'alerts',
      smtp_auth_password: FULL_ENV.ALERT_SMTP_PASSWORD,
    });
    expect(config().global).not.toHaveProperty('smtp_require_tls');
    expect(config().templates).toEqual([join(root, 'alertmanager', 'templates', '*.tmpl')]);
  });

  test('when nothing is set, then it renders with receivers that send nowhere and says so', () => {
    const { result, config } = rendered({}, 'empty.yml');

    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/neither ALERT_WEBHOOK_URL nor ALERT_EMAIL_TO is set/);
    expect(config().receivers).toEqual([{ name: 'page' }, { name: 'ticket' }]);
    expect(config().global).not.toHaveProperty('smtp_smarthost');
  });

  test('when only a webhook is set, then no e-mail is configured', () => {
    const { config } = rendered({ ALERT_WEBHOOK_URL: 'http://relay:8080/alerts' }, 'hook.yml');

    expect(config().receivers[0]).toEqual({
      name: 'page',
      webhook_configs: [{ url: 'http://relay:8080/alerts', send_resolved: true }],
    });
  });

  test('when ALERT_SMTP_REQUIRE_TLS=false, then the relay may be plain SMTP', () => {
    const { config } = rendered({ ...FULL_ENV, ALERT_SMTP_REQUIRE_TLS: 'false' }, 'plain.yml');

    expect(config().global.smtp_require_tls).toBe(false);
  });

  test('when the mail settings are incomplete or TLS is neither true nor false, then rendering fails naming the variable', () => {
    const noHost = rendered({ ALERT_EMAIL_TO: 'a@example.com', ALERT_SMTP_FROM: 'b@example.com' }, 'x.yml');
    const badTls = rendered({ ...FULL_ENV, ALERT_SMTP_REQUIRE_TLS: 'yes' }, 'y.yml');

    expect([noHost.result.status, noHost.result.stderr]).toEqual([
      1,
      expect.stringMatching(/ALERT_SMTP_SMARTHOST/),
    ]);
    expect([badTls.result.status, badTls.result.stderr]).toEqual([
      1,
      expect.stringMatching(/ALERT_SMTP_REQUIRE_TLS/),
    ]);
  });
});

describeWithTool(busybox)("render-config.sh with the Alertmanager image's shell", () => {
  test('when busybox sh and awk render it, as in prom/alertmanager, then the config is the same as with the system shell', () => {
    const bin = join(dir, 'busybox-bin');
    mkdirSync(bin);
    for (const applet of ['sh', 'awk', 'dirname']) symlinkSync(busybox!, join(bin, applet));
    const output = join(dir, 'busybox.yml');
    const env = { ...FULL_ENV, ALERT_SMTP_REQUIRE_TLS: 'false' };

    const result = spawnSync(join(bin, 'sh'), [renderScript], {
      env: { PATH: bin, ALERTMANAGER_CONFIG: output, ...env },
      encoding: 'utf8',
    });

    expect(result.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(rendered(env, 'system-sh.yml').file, 'utf8'));
  });
});

describeWithTool(tool)('the Alertmanager config checked by amtool', () => {
  const run = (...args: string[]) => spawnSync(tool!, args, { encoding: 'utf8' });

  test.each([
    ['a webhook and a mailbox', FULL_ENV],
    ['nothing', {}],
    ['plain SMTP', { ...FULL_ENV, ALERT_SMTP_REQUIRE_TLS: 'false' }],
  ])('when rendered with %s, then amtool check-config accepts it and its templates', (name, env) => {
    const { file } = rendered(env, `${name.replace(/\W/g, '-')}.yml`);

    const result = run('check-config', file);

    expect(result.stdout).toMatch(/SUCCESS[\s\S]*- 2 inhibit rules\n - 2 receivers\n - 1 templates/);
    expect(result.status).toBe(0);
  });

  test("when each alert's labels are routed, then pages go to the page receiver and tickets to the ticket one", () => {
    const { file } = rendered(FULL_ENV, 'routes.yml');
    const rules = alertRules();

    const routed = rules.map((rule) => {
      const labels = Object.entries({ alertname: rule.alert, ...rule.labels }).map(([k, v]) => `${k}=${v}`);
      const result = run('config', 'routes', 'test', `--config.file=${file}`, ...labels);
      return [rule.alert, rule.labels?.severity, result.stdout.trim()];
    });

    expect(rules.length).toBeGreaterThanOrEqual(9);
    expect(routed).toEqual(rules.map((rule) => [rule.alert, rule.labels?.severity, rule.labels?.severity]));
    expect(routed.map(([, severity]) => severity).sort()).toEqual(expect.arrayContaining(['page', 'ticket']));
  });

  test('when an alert has no known severity, then it still reaches someone, as a ticket', () => {
    const { file } = rendered(FULL_ENV, 'unknown.yml');

    const result = run(
      'config',
      'routes',
      'test',
      `--config.file=${file}`,
      '--verify.receivers=ticket',
      'alertname=New',
    );

    expect(result.status).toBe(0);
  });

  test('when a notification is rendered, then its subject and text have the summary, description, firing time and runbook link', () => {
    const data = join(dir, 'data.json');
    writeFileSync(
      data,
      JSON.stringify({
        receiver: 'page',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'TwitterApiTargetDown', severity: 'page', instance: 'twitterapi:5000' },
            annotations: {
              summary: 'Prometheus cannot scrape twitter-api',
              description: 'twitterapi:5000 has been down for 2 minutes.',
              runbook_url: 'https://runbooks.example/TwitterApiTargetDown.md',
            },
            startsAt: '2026-11-29T10:00:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'http://prometheus:9090/graph?g0.expr=up',
          },
        ],
        groupLabels: { alertname: 'TwitterApiTargetDown' },
        commonLabels: { alertname: 'TwitterApiTargetDown', severity: 'page' },
        commonAnnotations: { summary: 'Prometheus cannot scrape twitter-api' },
        externalURL: 'http://localhost:9093',
      }),
    );

    const result = run(
      'template',
      'render',
      `--template.glob=${join(root, 'alertmanager', 'templates', '*.tmpl')}`,
      `--template.data=${data}`,
      '--template.text={{ template "twitter_api.subject" . }}\n{{ template "twitter_api.text" . }}',
    );

    expect(result.stdout.trim().split('\n')).toEqual([
      '[FIRING:1] PAGE TwitterApiTargetDown: Prometheus cannot scrape twitter-api',
      'TwitterApiTargetDown (page) is firing',
      'Summary:      Prometheus cannot scrape twitter-api',
      'Description:  twitterapi:5000 has been down for 2 minutes.',
      'Firing since: 2026-11-29 10:00:00 UTC',
      'Runbook:      https://runbooks.example/TwitterApiTargetDown.md',
      'Labels:       alertname=TwitterApiTargetDown instance=twitterapi:5000 severity=page ',
      'Graph:        http://prometheus:9090/graph?g0.expr=up',
      '',
      'Silence or see all alerts: http://localhost:9093',
    ]);
  });
});

describe('runbooks', () => {
  test('when the alerts are listed, then each has a runbook in docs/runbooks named after it, linked from its runbook_url', () => {
    const missing = alertRules().flatMap((rule) => {
      const problems: string[] = [];
      if (rule.annotations?.runbook_url !== `{{ $externalLabels.runbook_base_url }}/${rule.alert}.md`)
        problems.push(`${rule.alert}: runbook_url`);
      try {
        const text = readFileSync(join(root, 'docs', 'runbooks', `${rule.alert}.md`), 'utf8');
        for (const section of ['## Impact', '## Diagnose', '## Fix'])
          if (!text.includes(section)) problems.push(`${rule.alert}: ${section}`);
      } catch {
        problems.push(`${rule.alert}: no runbook`);
      }
      return problems;
    });

    expect(missing).toEqual([]);
  });
});
