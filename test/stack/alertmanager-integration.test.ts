import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describeWithTool, findTool } from '../helpers/external-tool';
import { startSmtpSink } from '../helpers/smtp-sink';
import { until } from '../helpers/until';
import { startWebhookReceiver, type WebhookPayload } from '../helpers/webhook-receiver';
import {
  alertmanagerBinary,
  renderConfig,
  rulesFile,
  startAlertmanager,
  type RunningAlertmanager,
} from './alertmanager';
import { startApp, type StartedApp } from './start-app';
import { startPrometheus } from './start-prometheus';

const alertmanager = alertmanagerBinary();
const prometheusBinary = findTool('prometheus');
const RUNBOOKS = 'https://runbooks.example/twitter-api';

type Route = { group_wait?: string; group_interval?: string; routes?: Route[] };

/** The rendered config with its waits cut to a second, so a test sees in seconds what takes minutes. */
function withShortTimings(file: string): void {
  const config = parse(readFileSync(file, 'utf8')) as { route: Route };
  const shorten = (route: Route) => {
    route.group_wait = '1s';
    route.group_interval = '1s';
    route.routes?.forEach(shorten);
  };
  shorten(config.route);
  writeFileSync(file, stringify(config));
}

describeWithTool(alertmanager && prometheusBinary)(
  'an alert from a real Prometheus, through a real Alertmanager, to a webhook and a mailbox',
  () => {
    let dir: string;
    let app: StartedApp;
    let prometheus: ChildProcess;
    let am: RunningAlertmanager;
    let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    let prometheusUrl: string;

    const query = async (expr: string) => {
      const res = await fetch(
        `${prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr }).toString()}`,
      );
      return ((await res.json()) as { data: { result: unknown[] } }).data.result;
    };
    const notified = (alertname: string) =>
      webhook.received.filter((payload) =>
        payload.alerts.some((alert) => alert.labels.alertname === alertname),
      );

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'twitter-api-alerting-'));
      webhook = await startWebhookReceiver();
      smtp = await startSmtpSink();
      const amConfig = join(dir, 'alertmanager.yml');
      const rendered = renderConfig(
        {
          ALERT_WEBHOOK_URL: webhook.url,
          ALERT_EMAIL_TO: 'oncall@example.com',
          ALERT_SMTP_SMARTHOST: `127.0.0.1:${smtp.port}`,
          ALERT_SMTP_FROM: 'alertmanager@example.com',
          ALERT_SMTP_REQUIRE_TLS: 'false',
        },
        amConfig,
      );
      expect(rendered.status).toBe(0);
      withShortTimings(amConfig);
      am = await startAlertmanager(alertmanager!, amConfig, join(dir, 'am-data'));

      // Every refused admin request is a 401, so 21 of them fire TwitterApiAdminAuthFailures.
      app = await startApp({ env: { ADMIN_MAX_FAILED_AUTH: '10000' } });
      const promConfig = join(dir, 'prometheus.yml');
      writeFileSync(
        promConfig,
        stringify({
          global: {
            scrape_interval: '1s',
            evaluation_interval: '1s',
            external_labels: { runbook_base_url: RUNBOOKS },
          },
          alerting: {
            alertmanagers: [{ static_configs: [{ targets: [new URL(am.url).host] }] }],
            alert_relabel_configs: [{ action: 'labeldrop', regex: 'runbook_base_url' }],
          },
          rule_files: [rulesFile],
          scrape_configs: [
            { job_name: 'twitterapi', static_configs: [{ targets: [new URL(app.url).host] }] },
          ],
        }),
      );
      ({ url: prometheusUrl, process: prometheus } = await startPrometheus(
        prometheusBinary!,
        promConfig,
        dir,
      ));
      await until(async () => (await query('up{job="twitterapi"} == 1')).length === 1, 'the first scrape');
    }, 90_000);

    afterAll(async () => {
      if (prometheus && prometheus.exitCode === null) {
        const exited = new Promise((resolve) => prometheus.once('exit', resolve));
        prometheus.kill('SIGTERM');
        await exited;
      }
      await am?.stop();
      await app?.stop();
      await webhook?.stop();
      await smtp?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('when someone keeps guessing the admin token, then the rule fires and the webhook gets it as a ticket with labels, annotations and the runbook link', async () => {
      const refused = () =>
        fetch(`${app.url}/database`, { headers: { Authorization: 'Bearer wrong-token-guess' } });
      expect((await refused()).status).toBe(401);
      // The counter's first sample, so the burst after it is an increase.
      await until(
        async () => (await query('http_requests_total{route="/database",status_code="401"}')).length > 0,
        'the 401 series',
      );
      for (let i = 0; i < 25; i++) await refused();

      await until(
        () => notified('TwitterApiAdminAuthFailures').length > 0,
        'the webhook notification',
        60_000,
      );

      const payload = notified('TwitterApiAdminAuthFailures')[0]!;
      expect(payload).toMatchObject<Partial<WebhookPayload>>({
        version: '4',
        receiver: 'ticket',
        status: 'firing',
        groupLabels: { alertname: 'TwitterApiAdminAuthFailures' },
        externalURL: am.url,
      });
      expect(payload.alerts).toHaveLength(1);
      const [alert] = payload.alerts;
      expect(alert!.labels).toEqual({
        alertname: 'TwitterApiAdminAuthFailures',
        severity: 'ticket',
        job: 'twitterapi',
        instance: new URL(app.url).host,
      });
      expect(alert!.annotations).toEqual({
        summary: 'Admin requests are being refused in numbers',
        description: expect.stringMatching(
          /^\d+ admin requests \(\/database, \/launch, \/stop\) were refused \(401 or 429\) in 15m/,
        ),
        runbook_url: `${RUNBOOKS}/TwitterApiAdminAuthFailures.md`,
      });
      expect(Number(alert!.annotations.description!.split(' ')[0])).toBeGreaterThan(20);
      expect(Date.now() - Date.parse(alert!.startsAt)).toBeLessThan(60_000);
      expect(alert!.generatorURL).toContain('/graph?g0.expr=');
    }, 90_000);

    test('when the alert is delivered, then the mailbox gets the readable ticket with summary, description, firing time and runbook', async () => {
      await until(() => smtp.mails.length > 0, 'the e-mail', 30_000);

      const mail = smtp.mails[0]!;
      expect(mail.to).toEqual(['<oncall@example.com>']);
      expect(mail.data).toMatch(
        /^Subject: \[FIRING:1\] TICKET TwitterApiAdminAuthFailures: Admin requests are being refused in numbers\r$/m,
      );
      expect(mail.data).toContain('TwitterApiAdminAuthFailures (ticket) is firing');
      expect(mail.data).toContain('Summary:      Admin requests are being refused in numbers');
      expect(mail.data).toMatch(
        /Description: {2}\d+ admin requests \(\/database, \/launch, \/stop\) were refused/,
      );
      expect(mail.data).toMatch(/Firing since: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
      expect(mail.data).toContain(`Runbook:      ${RUNBOOKS}/TwitterApiAdminAuthFailures.md`);
    }, 60_000);

    test('when an SLO pages, then the ticket for the same SLO is inhibited, and a ticket for another SLO is not', async () => {
      const fast = { alertname: 'TwitterApiLatencyBudgetBurnFast', severity: 'page', slo: 'slow' };
      const slow = { alertname: 'TwitterApiLatencyBudgetBurnSlow', severity: 'ticket', slo: 'slow' };
      const other = { alertname: 'TwitterApiAvailabilityBudgetBurnSlow', severity: 'ticket', slo: 'errors' };

      await fetch(`${am.url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([fast, slow, other].map((labels) => ({ labels }))),
      });
      const stateOf = async (alertname: string) => {
        const alerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
          labels: Record<string, string>;
          status: { state: string };
        }[];
        return alerts.find((alert) => alert.labels.alertname === alertname)?.status.state;
      };
      await until(
        async () => (await stateOf('TwitterApiLatencyBudgetBurnSlow')) === 'suppressed',
        'the inhibition',
      );

      expect(await stateOf('TwitterApiLatencyBudgetBurnFast')).toBe('active');
      expect(await stateOf('TwitterApiAvailabilityBudgetBurnSlow')).toBe('active');
    }, 60_000);

    test('when the target is down, then the alerts it causes are inhibited and only the page is sent', async () => {
      const post = (alerts: { labels: Record<string, string> }[]) =>
        fetch(`${am.url}/api/v2/alerts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(alerts.map((alert) => ({ ...alert, annotations: { summary: 'test' } }))),
        });
      const stale = { alertname: 'TwitterApiCollectionStale', severity: 'ticket' };
      const down = { alertname: 'TwitterApiTargetDown', severity: 'page', job: 'twitterapi' };

      expect((await post([{ labels: down }, { labels: stale }])).status).toBe(200);
      await until(() => notified('TwitterApiTargetDown').length > 0, 'the page', 30_000);
      const states = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
        labels: Record<string, string>;
        status: { state: string; inhibitedBy: string[] };
      }[];

      expect(
        states.find((alert) => alert.labels.alertname === 'TwitterApiCollectionStale')?.status,
      ).toMatchObject({
        state: 'suppressed',
        inhibitedBy: [expect.any(String)],
      });
      expect(notified('TwitterApiTargetDown')[0]).toMatchObject({ receiver: 'page' });
      expect(notified('TwitterApiCollectionStale')).toEqual([]);
      // Every other alert about the app, the SLO ticket from the test before included.
      expect(
        states.find((alert) => alert.labels.alertname === 'TwitterApiAvailabilityBudgetBurnSlow')?.status
          .state,
      ).toBe('suppressed');
    }, 60_000);
  },
);
