using System.Globalization;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Operations.LoadTests;

/// <summary>
/// The seasonal plan's two request floods as k6 scripts, for the rehearsal stack only (the stacks that plan chaos):
/// 1,000 concurrent sample requests against the Sample-Success-Rate KPI, and a burst of data-subject (GDPR) requests
/// with a few synthetic ones received 22 days ago, which must raise the GDPR SLA alert (docs/recovery-drills.md).
/// </summary>
public static class FloodScripts
{
    /// <summary>The seasonal plan's flood: 1,000 sample requests in flight at once (closed model, no think time).</summary>
    public const int SampleFloodVus = 1000;

    /// <summary>Longer than SeasonalLoadAboveProvisioned's 10 minutes plus its 5-minute rate window.</summary>
    public const int SampleFloodMinutes = 20;

    /// <summary>Our choice: a week's data-subject requests of a large B2B customer base at once.</summary>
    public const int GdprRequests = 5000;

    public const int GdprVus = 100;

    public const int GdprMinutes = 10;

    /// <summary>One in a hundred is synthetic and received 22 days ago: past the alert's 21 days, so it must fire.</summary>
    public const int GdprBackdatedEvery = 100;

    public const int GdprBackdatedDays = 22;

    /// <summary>The API route of a data-subject request (our API's path, like the sample route).</summary>
    public const string GdprPath = "/api/gdpr-requests";

    public static string SampleFloodFile(string stack) => $"{stack}-sample-flood.js";

    public static string GdprFloodFile(string stack) => $"{stack}-gdpr-flood.js";

    /// <summary>Both floods for a stack that plans chaos (a rehearsal stack), none for any other.</summary>
    public static IReadOnlyDictionary<string, string> RenderAll(StackSettings settings) =>
        settings.Plan.ChaosExperiments
            ? new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [SampleFloodFile(settings.StackName)] = SampleFlood(settings),
                [GdprFloodFile(settings.StackName)] = GdprFlood(settings),
            }
            : new SortedDictionary<string, string>(StringComparer.Ordinal);

    public static string SampleFlood(StackSettings settings)
    {
        var s = settings.StackName;
        var slo = settings.Capacity.Workload.Api.Slo.Sample;
        return $$"""
// {{Generated.Notice($"render k6 --stack {s}")}}
// {{s}}: the sample-request flood of the seasonal plan's chaos list: {{SampleFloodVus}} sample requests in flight at once for {{SampleFloodMinutes}} min.
// Expected: the HPAs scale out to their maximum, SeasonalLoadAboveProvisioned fires, and more than {{Pct(PeakTestProfile.SampleSuccessRate)}} % of sample requests still succeed.
// Run: k6 run -e BASE_URL=https://<api host> -e TOKEN=<load-test token> {{SampleFloodFile(s)}}
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL;
const TOKEN = __ENV.TOKEN;
if (!BASE_URL || !TOKEN) {
  throw new Error('set the target and token: k6 run -e BASE_URL=https://<api host> -e TOKEN=<load-test token> {{SampleFloodFile(s)}}');
}

// Sample-Success-Rate: the seasonal plan's KPI, above {{Pct(PeakTestProfile.SampleSuccessRate)}} % even in a flood.
const sampleSuccess = new Rate('sample_success');

export const options = {
  scenarios: {
    sample_flood: {
      executor: 'constant-vus',
      vus: {{SampleFloodVus}},
      duration: '{{SampleFloodMinutes}}m',
    },
  },
  thresholds: {
    'sample_success': ['rate>{{D(PeakTestProfile.SampleSuccessRate)}}'],
    // Recorded, not required: a flood far above the season's capacity may miss the {{D(slo)}} s SLO (ErrorBudgetBurn shows it).
    'http_req_duration{route:sample}': [{ threshold: 'p(95)<{{Ms(slo)}}', abortOnFail: false }],
  },
};

function requestSample() {
  const body = JSON.stringify({ productId: `flood-${__VU}-${__ITER}`, quantity: 1, synthetic: true });
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
  const res = http.post(`${BASE_URL}{{K6Script.SamplePath}}`, body, { headers: headers, tags: { route: 'sample' } });
  sampleSuccess.add(check(res, { 'sample accepted (2xx)': (r) => r.status >= 200 && r.status < 300 }));
}

export default function () {
  requestSample();
}

""".ReplaceLineEndings("\n");
    }

    public static string GdprFlood(StackSettings settings)
    {
        var s = settings.StackName;
        return $$"""
// {{Generated.Notice($"render k6 --stack {s}")}}
// {{s}}: the GDPR-request flood of the seasonal plan's chaos list: {{GdprRequests}} synthetic data-subject requests in at most {{GdprMinutes}} min,
// one in {{GdprBackdatedEvery}} received {{GdprBackdatedDays}} days ago. Expected: every request is accepted, and GdprRequestSlaAtRisk (oldest open request
// over 21 days) fires within 30 min and reaches compliance; closing the backdated requests resolves it.
// Run: k6 run -e BASE_URL=https://<api host> -e TOKEN=<load-test token> {{GdprFloodFile(s)}}
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL;
const TOKEN = __ENV.TOKEN;
if (!BASE_URL || !TOKEN) {
  throw new Error('set the target and token: k6 run -e BASE_URL=https://<api host> -e TOKEN=<load-test token> {{GdprFloodFile(s)}}');
}

const gdprAccepted = new Rate('gdpr_accepted');
const DAY_MS = 24 * 60 * 60 * 1000;

export const options = {
  scenarios: {
    gdpr_flood: {
      executor: 'shared-iterations',
      vus: {{GdprVus}},
      iterations: {{GdprRequests}},
      maxDuration: '{{GdprMinutes}}m',
    },
  },
  thresholds: {
    'gdpr_accepted': ['rate>0.99'],
    'http_req_failed': ['rate<{{D(PeakTestProfile.FailedRequestRate)}}'],
  },
};

function submitDataSubjectRequest() {
  const n = (__VU - 1) * 1000000 + __ITER;
  // Synthetic requests only; every hundredth was received {{GdprBackdatedDays}} days ago, past the alert's 21 days.
  const receivedAt = new Date(Date.now() - (n % {{GdprBackdatedEvery}} === 0 ? {{GdprBackdatedDays}} * DAY_MS : 0)).toISOString();
  const body = JSON.stringify({ subject: `flood-${__VU}-${__ITER}@synthetic.invalid`, kind: 'access', receivedAt: receivedAt, synthetic: true });
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
  const res = http.post(`${BASE_URL}{{GdprPath}}`, body, { headers: headers, tags: { route: 'gdpr' } });
  gdprAccepted.add(check(res, { 'request accepted (2xx)': (r) => r.status >= 200 && r.status < 300 }));
}

export default function () {
  submitDataSubjectRequest();
}

""".ReplaceLineEndings("\n");
    }

    private static string D(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Ms(double seconds) => ((int)Math.Round(seconds * 1000)).ToString(CultureInfo.InvariantCulture);

    private static string Pct(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture);
}
