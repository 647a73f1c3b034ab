using System.Globalization;
using System.Net;
using System.Text;

using static FreshFoodz.Cli.Tests.Hostile.HttpReplies;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// A loopback HTTP server that answers like a Prometheus gone wrong: the first path segment names the reply
/// (<c>http://127.0.0.1:port/nan/api/v1/query_range?…</c>). <c>ok</c> is a healthy server whose baseline is
/// 50 requests/s, mean 0.2 s and p95 0.6 s on every day asked for, so the other replies differ from a working one in
/// one way each. It answers calibrate's range queries by their text: requests per day, the request rate, the daily
/// duration sum and count, the daily buckets; the job metrics have no series (workers not measured).
/// </summary>
public sealed class FakePrometheus : IDisposable
{
    private readonly LoopbackHttpServer _server = new(AnswerAsync);

    public string Url => _server.BaseUrl;

    /// <summary>Replies by name: (HTTP status, body of a range query, body of the mean query, body of the p95 query).</summary>
    public static IReadOnlyDictionary<string, Func<HttpListenerContext, Task>> Replies { get; } = new Dictionary<string, Func<HttpListenerContext, Task>>
    {
        ["ok"] = c => Healthy(c),
        ["empty-object"] = c => Json(c, "{}"),
        ["array"] = c => Json(c, "[]"),
        ["null"] = c => Json(c, "null"),
        ["status-number"] = c => Json(c, "{\"status\":1}"),
        ["no-data"] = c => Json(c, "{\"status\":\"success\"}"),
        ["result-not-a-list"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":{}}}"),
        ["result-of-numbers"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[1,2,3]}}"),
        ["sample-not-a-number"] = c => Healthy(c, rate: "fifty"),
        ["sample-a-number"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":[[1769904000,50]]}]}}"),
        ["sample-short"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":[[1769904000]]}]}}"),
        ["sample-time-beyond-9999"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":[[1e20,\"50\"]]}]}}"),
        ["labels-not-text"] = c => IsRate(c)
            ? Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{\"route_class\":{\"a\":1}},\"values\":[[1769904000,\"NaN\"]]}]}}")
            : Healthy(c),
        ["nan"] = c => Healthy(c, rate: "NaN"),
        ["inf"] = c => Healthy(c, rate: "+Inf"),
        ["rate-absurd"] = c => Healthy(c, rate: "1e15"),
        ["rate-rounds-to-zero"] = c => Healthy(c, rate: "0.01"),
        ["mean-absurd"] = c => Healthy(c, mean: 1e9),
        ["mean-rounds-to-zero"] = c => Healthy(c, mean: 0.00001),
        ["p95-below-mean"] = c => Healthy(c, p95: 0.1),
        ["slo-broken-by-measurement"] = c => Healthy(c, mean: 2, p95: 9),
        ["not-json"] = c => Send(c, 500, "text/html", "<html><body>502 Bad Gateway</body></html>"),
        ["json-nested-deep"] = c => Json(c, new string('[', 100_000) + new string(']', 100_000)),
        ["error-with-long-message"] = c => Json(c, $"{{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"{new string('x', 100_000)}\"}}"),
        ["error-not-text"] = c => Json(c, "{\"status\":\"error\",\"errorType\":7,\"error\":{\"a\":1}}"),
        ["huge-streamed"] = c => EndlessList(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":[", "[1769904000,\"1\"]"),
        ["huge-declared"] = HugeDeclared,
        ["unauthorized"] = c => Send(c, 401, "text/plain", "Unauthorized"),
        // Issue 23: replies that leave the server, a charset the tool cannot read, series it cannot tell apart.
        ["redirect-other-host"] = c => Redirect(c, c.Request.Url!.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal).Replace("/redirect-other-host/", "/ok/", StringComparison.Ordinal)),
        ["redirect-file"] = c => Redirect(c, "file:///etc/passwd"),
        ["redirect-loop"] = c => Redirect(c, c.Request.Url!.ToString()),
        ["charset-unknown"] = c => Send(c, 200, "application/json; charset=klingon", "{\"status\":\"success\",\"data\":{\"result\":[]}}"),
        // Two series of one route class (another label tells them apart): not what sum by (route_class) returns.
        ["duplicate-route-class"] = c => Healthy(c, rateLabels: ["\"route_class\":\"order\",\"pod\":\"a\"", "\"route_class\":\"order\",\"pod\":\"b\""]),
        ["label-escape"] = c => Healthy(c, rateLabels: ["\"route_class\":\"order\\u001b[2J\\u001b]0;owned\\u0007\""]),
        // Issue 23, third probe: report --prometheus reads the drills' RTO and RPO (instant queries).
        ["drill-ok"] = c => Drill(c),
        ["drill-verified-beyond-9999"] = c => Drill(c, verified: "1e300"),
        ["drill-rto-negative"] = c => Drill(c, rto: "-500"),
        ["drill-rpo-absurd"] = c => Drill(c, rpo: "1e308"),
        ["drill-kind-escape"] = c => Drill(c, labels: ["\"tier\":\"critical\",\"kind\":\"<script>\\u001b[2J\",\"drill\":\"20261002\""]),
        ["drill-day-not-a-day"] = c => Drill(c, labels: ["\"tier\":\"critical\",\"kind\":\"pitr\",\"drill\":\"20261345\""]),
        // Twenty thousand drills, each a series: read in one pass (a scan per drill once took minutes).
        ["drill-20000-series"] = c => Drill(c, labels: [.. Enumerable.Range(0, 20_000).Select(i =>
            $"\"tier\":\"critical\",\"kind\":\"{(i % 2 == 0 ? "pitr" : "geo")}\",\"drill\":\"{new DateOnly(2000, 1, 1).AddDays(i / 2):yyyyMMdd}\"")]),
        // Every answer inside the request timeout (2 s), but the run has at least two stages (choose days, measure):
        // 2 × 1.5 s passes the 2 s deadline however many requests run side by side.
        ["just-in-time"] = async c =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            await Healthy(c);
        },
    };

    private static string QueryText(HttpListenerContext c) => c.Request.QueryString["query"] ?? "";

    private static bool IsRate(HttpListenerContext c) => QueryText(c).StartsWith("sum by (route_class) (rate(", StringComparison.Ordinal);

    /// <summary>Requests per day at the healthy baseline (50/s): what each day's duration count is too.</summary>
    private const double RequestsPerDay = 50 * 86400;

    /// <summary>
    /// A healthy answer to one of calibrate's range queries, on the query's own time grid: the request rate (text, so a
    /// reply can make it anything), per day the requests, the duration sum (mean × requests) and count, and two
    /// buckets whose histogram_quantile(0.95) is exactly <paramref name="p95"/> (95 % of requests at or under it).
    /// </summary>
    private static Task Healthy(HttpListenerContext c, string rate = "50", double mean = 0.2, double p95 = 0.6, string[]? rateLabels = null)
    {
        var query = QueryText(c);
        var start = double.Parse(c.Request.QueryString["start"]!, CultureInfo.InvariantCulture);
        var end = double.Parse(c.Request.QueryString["end"]!, CultureInfo.InvariantCulture);
        var step = double.Parse(c.Request.QueryString["step"]!.TrimEnd('s'), CultureInfo.InvariantCulture);
        var times = Enumerable.Range(0, (int)Math.Floor((end - start) / step) + 1).Select(i => start + i * step).ToList();
        string Series(string labels, string value) =>
            $"{{\"metric\":{{{labels}}},\"values\":[{string.Join(",", times.Select(t => $"[{t.ToString(CultureInfo.InvariantCulture)},\"{value}\"]"))}]}}";
        string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        IEnumerable<string> result = query switch
        {
            _ when query.Contains("job", StringComparison.Ordinal) => [],
            _ when IsRate(c) => (rateLabels ?? ["\"route_class\":\"order\""]).Select(labels => Series(labels, rate)),
            _ when query.Contains("_bucket", StringComparison.Ordinal) =>
                [Series($"\"le\":\"{N(p95)}\"", N(0.95 * RequestsPerDay)), Series("\"le\":\"+Inf\"", N(RequestsPerDay))],
            _ when query.Contains("_sum", StringComparison.Ordinal) => [Series("", N(mean * RequestsPerDay))],
            _ => [Series("", N(RequestsPerDay))],
        };
        return Json(c, $"{{\"status\":\"success\",\"data\":{{\"resultType\":\"matrix\",\"result\":[{string.Join(",", result)}]}}}}");
    }

    /// <summary>
    /// A healthy answer to one of report's drill queries (instant vectors): RTO, RPO, verification time and success,
    /// each given as text so a reply can make it anything; one critical point-in-time drill unless labels are given.
    /// </summary>
    private static Task Drill(HttpListenerContext c, string rto = "1500", string rpo = "40", string verified = "1790000000", string[]? labels = null)
    {
        var query = QueryText(c);
        var value = query.Contains("_rto_", StringComparison.Ordinal) ? rto
            : query.Contains("_rpo_", StringComparison.Ordinal) ? rpo
            : query.Contains("_verified_", StringComparison.Ordinal) ? verified
            : "1";
        var series = (labels ?? ["\"tier\":\"critical\",\"kind\":\"pitr\",\"drill\":\"20261002\""]).Select(l => $"{{\"metric\":{{{l}}},\"value\":[1795000000,\"{value}\"]}}");
        return Json(c, $"{{\"status\":\"success\",\"data\":{{\"resultType\":\"vector\",\"result\":[{string.Join(",", series)}]}}}}");
    }

    /// <summary>Declares 600 MB, sends a little, then drops the connection.</summary>
    private static async Task HugeDeclared(HttpListenerContext c)
    {
        c.Response.ContentType = "application/json";
        c.Response.ContentLength64 = 600L * 1024 * 1024;
        try
        {
            await c.Response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes("{\"status\":"));
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client may already be gone.
        }
        c.Response.Abort();
    }

    /// <summary>The reply the path's first segment names, or 404.</summary>
    private static Task AnswerAsync(HttpListenerContext context)
    {
        var name = context.Request.Url!.Segments.ElementAtOrDefault(1)?.TrimEnd('/') ?? "";
        return Replies.TryGetValue(name, out var reply) ? reply(context) : Send(context, 404, "text/plain", "no such reply");
    }

    public void Dispose() => _server.Dispose();
}
