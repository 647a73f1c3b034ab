using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Operations.LoadTests;

/// <summary>
/// Writes a season's peak test as a k6 script (an ES module): one ramping-arrival-rate scenario from the profile,
/// requests to the sample and event-availability routes tagged by route, and thresholds from the SLOs and the
/// seasonal plan's KPIs. The target and token come from the environment (<c>k6 run -e BASE_URL=… -e TOKEN=…</c>).
/// </summary>
public static class K6Script
{
    /// <summary>The API routes the peak test drives (our API's paths; the tag names the threshold's sub-metric).</summary>
    public const string SamplePath = "/api/samples";
    public const string EventAvailabilityPath = "/api/events/availability";
    public const string HealthPath = "/healthz";

    public static string FileName(string stack, Season season) => $"{stack}-{season.ConfigName()}.js";

    public static string Render(PeakTestProfile p)
    {
        var season = p.Season.ConfigName();
        var stages = string.Join("\n", p.Stages.Select(s =>
            $"        {{ duration: '{s.Minutes}m', target: {s.Target} }}, // {s.Purpose}"));
        var script = $$"""
// {{Generated.Notice($"render k6 --stack {p.Stack}")}}
// {{p.Stack}}, {{season}}: {{p.StartRate}} → {{p.PeakRate}} requests/s (baseline × {{F(p.LoadMultiplier)}}), from the season catalog and Pulumi.{{p.Stack}}.yaml.
// Run: k6 run -e BASE_URL=https://<api host> -e TOKEN=<load-test token> {{FileName(p.Stack, p.Season)}}
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL;
const TOKEN = __ENV.TOKEN;
if (!BASE_URL || !TOKEN) {
  throw new Error('set the target and token: k6 run -e BASE_URL=https://<api host> -e TOKEN=<load-test token> {{FileName(p.Stack, p.Season)}}');
}

// Business KPI: the share of sample requests that succeed (seasonal plan: above {{Pct(PeakTestProfile.SampleSuccessRate)}} %).
const sampleSuccess = new Rate('sample_success');
// Event availability answers, timed on their own for the event-catering SLO.
const eventAvailabilityDuration = new Trend('event_availability_duration', true);
const sampleRequests = new Counter('sample_requests');

// Iterations that request a sample; the rest ask for event availability (sample-api 0.30 : event-catering-api 0.15).
const SAMPLE_SHARE = {{D(PeakTestProfile.SampleShare)}};

export const options = {
  scenarios: {
    {{season}}_peak: {
      executor: 'ramping-arrival-rate',
      startRate: {{p.StartRate}},
      timeUnit: '1s',
      // Little's Law: {{p.PeakRate}} requests/s × {{F(Math.Max(p.Slo.Sample, Math.Max(p.Slo.EventCatering, p.Slo.Order)))}} s (the slowest route's p95 SLO) = {{p.PreAllocatedVus}} busy VUs; twice that at most.
      preAllocatedVUs: {{p.PreAllocatedVus}},
      maxVUs: {{p.MaxVus}},
      stages: [
{{stages}}
      ],
    },
  },
  thresholds: {
    'http_req_duration{route:sample}': ['p(95)<{{Ms(p.Slo.Sample)}}'],
    'http_req_duration{route:event_catering}': ['p(95)<{{Ms(p.Slo.EventCatering)}}'],
    'event_availability_duration': ['p(95)<{{Ms(p.Slo.EventCatering)}}'],
    'http_req_failed': ['rate<{{D(PeakTestProfile.FailedRequestRate)}}'],
    'sample_success': ['rate>{{D(PeakTestProfile.SampleSuccessRate)}}'],
  },
};

function headers() {
  return { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
}

function requestSample() {
  const body = JSON.stringify({ productId: `peak-test-${__VU}-${__ITER}`, quantity: 1, synthetic: true });
  const res = http.post(`${BASE_URL}{{SamplePath}}`, body, { headers: headers(), tags: { route: 'sample' } });
  sampleRequests.add(1);
  const ok = check(res, { 'sample accepted (2xx)': (r) => r.status >= 200 && r.status < 300 });
  sampleSuccess.add(ok);
}

function checkEventAvailability() {
  const res = http.get(`${BASE_URL}{{EventAvailabilityPath}}?season={{season}}`, { headers: headers(), tags: { route: 'event_catering' } });
  eventAvailabilityDuration.add(res.timings.duration);
  check(res, { 'event availability answered (200)': (r) => r.status === 200 });
}

// Waits for the API before the ramp starts: a rehearsal stack that was just scaled may still be starting pods.
export function setup() {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const res = http.get(`${BASE_URL}{{HealthPath}}`, { tags: { route: 'health' } });
    if (res.status === 200) {
      return;
    }
    sleep(6);
  }
  throw new Error(`${BASE_URL}{{HealthPath}} did not answer 200 within a minute`);
}

export default function () {
  if (Math.random() < SAMPLE_SHARE) {
    requestSample();
  } else {
    checkEventAvailability();
  }
}

""";
        return script.ReplaceLineEndings("\n");
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string D(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Ms(double seconds) => ((int)Math.Round(seconds * 1000)).ToString(CultureInfo.InvariantCulture);

    private static string Pct(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Every season's script for a stack, by file name.</summary>
    public static IReadOnlyDictionary<string, string> RenderAll(StackSettings settings)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var peak in settings.Capacity.Seasons.Peaks)
        {
            files[FileName(settings.StackName, peak.Season)] = Render(PeakTestProfile.For(settings, peak.Season));
        }
        return files;
    }
}
