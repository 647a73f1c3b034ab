using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// A loopback HTTP server that answers like a Prometheus gone wrong: the first path segment names the reply
/// (<c>http://127.0.0.1:port/nan/api/v1/query_range?…</c>). <c>ok</c> is a healthy server whose baseline is
/// 50 requests/s, mean 0.2 s and p95 0.6 s, so the other replies differ from a working one in one way each.
/// </summary>
public sealed class FakePrometheus : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public FakePrometheus()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Replies by name: (HTTP status, body of a range query, body of the mean query, body of the p95 query).</summary>
    public static IReadOnlyDictionary<string, Func<HttpListenerContext, Task>> Replies { get; } = new Dictionary<string, Func<HttpListenerContext, Task>>
    {
        ["ok"] = c => Json(c, Query(c) ? Range("50") : Instant(IsP95(c) ? "0.6" : "0.2")),
        ["empty-object"] = c => Json(c, "{}"),
        ["array"] = c => Json(c, "[]"),
        ["null"] = c => Json(c, "null"),
        ["status-number"] = c => Json(c, "{\"status\":1}"),
        ["no-data"] = c => Json(c, "{\"status\":\"success\"}"),
        ["result-not-a-list"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":{}}}"),
        ["result-of-numbers"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[1,2,3]}}"),
        ["sample-not-a-number"] = c => Json(c, Query(c) ? Range("fifty") : Instant("fifty")),
        ["sample-a-number"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":[[1769904000,50]]}]}}"),
        ["sample-short"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":[[1769904000]]}]}}"),
        ["sample-time-beyond-9999"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":[[1e20,\"50\"]]}]}}"),
        ["labels-not-text"] = c => Json(c, "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{\"route_class\":{\"a\":1}},\"values\":[[1769904000,\"NaN\"]]}]}}"),
        ["nan"] = c => Json(c, Query(c) ? Range("NaN") : Instant("NaN")),
        ["inf"] = c => Json(c, Query(c) ? Range("+Inf") : Instant("+Inf")),
        ["rate-absurd"] = c => Json(c, Query(c) ? Range("1e15") : Instant(IsP95(c) ? "0.6" : "0.2")),
        ["rate-rounds-to-zero"] = c => Json(c, Query(c) ? Range("0.01") : Instant(IsP95(c) ? "0.6" : "0.2")),
        ["mean-absurd"] = c => Json(c, Query(c) ? Range("50") : Instant(IsP95(c) ? "0.6" : "1e9")),
        ["mean-rounds-to-zero"] = c => Json(c, Query(c) ? Range("50") : Instant(IsP95(c) ? "0.6" : "0.00001")),
        ["p95-below-mean"] = c => Json(c, Query(c) ? Range("50") : Instant(IsP95(c) ? "0.1" : "0.2")),
        ["slo-broken-by-measurement"] = c => Json(c, Query(c) ? Range("50") : Instant(IsP95(c) ? "9" : "2")),
        ["not-json"] = c => Send(c, 500, "text/html", "<html><body>502 Bad Gateway</body></html>"),
        ["json-nested-deep"] = c => Json(c, new string('[', 100_000) + new string(']', 100_000)),
        ["error-with-long-message"] = c => Json(c, $"{{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"{new string('x', 100_000)}\"}}"),
        ["error-not-text"] = c => Json(c, "{\"status\":\"error\",\"errorType\":7,\"error\":{\"a\":1}}"),
        ["huge-streamed"] = Huge,
        ["huge-declared"] = HugeDeclared,
        ["unauthorized"] = c => Send(c, 401, "text/plain", "Unauthorized"),
    };

    private static bool Query(HttpListenerContext c) => c.Request.Url!.AbsolutePath.EndsWith("query_range", StringComparison.Ordinal);

    private static bool IsP95(HttpListenerContext c) => c.Request.QueryString["query"]?.Contains("histogram_quantile", StringComparison.Ordinal) == true;

    /// <summary>One series, a sample every hour from 2026-01-20 to 2026-02-01 (baseline days for every stack).</summary>
    private static string Range(string value)
    {
        var start = new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var samples = string.Join(",", Enumerable.Range(0, 12 * 24).Select(h => $"[{(start + h * 3600).ToString(CultureInfo.InvariantCulture)},\"{value}\"]"));
        return $"{{\"status\":\"success\",\"data\":{{\"resultType\":\"matrix\",\"result\":[{{\"metric\":{{\"route_class\":\"order\"}},\"values\":[{samples}]}}]}}}}";
    }

    private static string Instant(string value) =>
        $"{{\"status\":\"success\",\"data\":{{\"resultType\":\"vector\",\"result\":[{{\"metric\":{{}},\"value\":[1769904000,\"{value}\"]}}]}}}}";

    private static Task Json(HttpListenerContext c, string body) => Send(c, 200, "application/json", body);

    private static async Task Send(HttpListenerContext c, int status, string type, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        c.Response.StatusCode = status;
        c.Response.ContentType = type;
        c.Response.ContentLength64 = bytes.Length;
        await c.Response.OutputStream.WriteAsync(bytes);
        c.Response.Close();
    }

    /// <summary>40 MB of a never-ending JSON list, without a Content-Length: only a bounded read stops it.</summary>
    private static async Task Huge(HttpListenerContext c)
    {
        c.Response.SendChunked = true;
        c.Response.ContentType = "application/json";
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("[1769904000,\"1\"],", 4096)));
        try
        {
            await c.Response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes("{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"values\":["));
            for (long sent = 0; sent < 40L * 1024 * 1024; sent += chunk.Length)
            {
                await c.Response.OutputStream.WriteAsync(chunk);
            }
            c.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client stopped reading, as it should.
            c.Response.Abort();
        }
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

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                var name = context.Request.Url!.Segments.ElementAtOrDefault(1)?.TrimEnd('/') ?? "";
                try
                {
                    await (Replies.TryGetValue(name, out var reply) ? reply(context) : Send(context, 404, "text/plain", "no such reply"));
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    context.Response.Abort();
                }
            });
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
