using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FreshFoodz.Stacks.Settings;
using FreshFoodz.Stacks.Sources;

namespace FreshFoodz.Calibration;

/// <summary>How to reach a Prometheus: its URL, a bounded timeout per query, optional credentials, and a deadline for the whole measurement.</summary>
public sealed record PrometheusConnection(Uri BaseUrl, TimeSpan Timeout, AuthenticationHeaderValue? Authorization = null)
{
    /// <summary>
    /// The whole measurement's deadline. A year of 2-minute samples is a few hundred requests of at most 11,000 points;
    /// against the real Prometheus of the tests it takes 25–35 s. 15 minutes is ample and bounds a server that answers
    /// every request just within its timeout.
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Environment variables that carry credentials: never the command line or a file.</summary>
    public const string PasswordVariable = "FRESHFOODZ_PROMETHEUS_PASSWORD";
    public const string TokenVariable = "FRESHFOODZ_PROMETHEUS_TOKEN";

    /// <summary>Basic auth when a user is given (password from the environment), else a bearer token if one is set.</summary>
    public static AuthenticationHeaderValue? AuthorizationFrom(string? basicAuthUser, Func<string, string?> environment)
    {
        if (basicAuthUser is not null)
        {
            var password = environment(PasswordVariable)
                ?? throw new CalibrationException($"--basic-auth-user {basicAuthUser} needs the password in the environment variable {PasswordVariable}");
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basicAuthUser}:{password}")));
        }
        return environment(TokenVariable) is { Length: > 0 } token ? new AuthenticationHeaderValue("Bearer", token) : null;
    }
}

/// <summary>A time series from a query: its labels and its (time, value) samples.</summary>
public sealed record Series(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Samples)
{
    /// <summary>Parts of the same series (same labels, e.g. from pieces of a range) joined, samples in time order.</summary>
    public static List<Series> Join(IEnumerable<Series> parts) =>
        parts.GroupBy(s => string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")), StringComparer.Ordinal)
            .Select(g => new Series(g.First().Labels, g.SelectMany(s => s.Samples).OrderBy(p => p.Time).ToList()))
            .ToList();
}

/// <summary>A measurement that could not be made; the message names the query and what to do.</summary>
public sealed class CalibrationException(string message) : Exception(message);

/// <summary>Progress of a measurement: HTTP requests answered of those queued so far (more may be queued later).</summary>
public readonly record struct QueryProgress(int Answered, int Queued);

/// <summary>
/// The few calls of Prometheus' HTTP API calibration needs (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>), with
/// every failure turned into a message naming the query: unreachable, too slow, an HTTP or PromQL error. A range query
/// of any span is split into requests of at most <see cref="MaxPointsPerSeries"/> points each, at most
/// <see cref="MaxConcurrentRequests"/> of them in flight; each request has the connection's timeout.
/// </summary>
public sealed class PrometheusClient(PrometheusConnection connection, HttpMessageHandler? handler = null, IProgress<QueryProgress>? progress = null) : IDisposable
{
    /// <summary>Prometheus refuses a range query with more points per series ("exceeded maximum resolution of
    /// 11,000 points per timeseries", web/api/v1/api.go).</summary>
    public const int MaxPointsPerSeries = 11_000;

    /// <summary>Requests in flight at once: enough to hide latency, few enough not to load a production server.</summary>
    public const int MaxConcurrentRequests = 4;

    private readonly OutsideServer _server = new(new ServerPolicy(connection.BaseUrl, connection.Timeout, connection.Deadline, MaxReplyBytes), handler);
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRequests);
    private int _queued;
    private int _answered;

    /// <summary>The Prometheus this client asks (no credentials: they travel in a header).</summary>
    public Uri BaseUrl => connection.BaseUrl;

    public Task<IReadOnlyList<Series>> QueryAsync(string promql, DateTimeOffset at, CancellationToken cancellation = default) =>
        GetAsync(promql, $"api/v1/query?query={Uri.EscapeDataString(promql)}&time={Unix(at)}", cancellation);

    /// <summary>Samples from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/> (whole
    /// seconds), in pieces of at most <see cref="MaxPointsPerSeries"/> points, joined per series.</summary>
    public async Task<IReadOnlyList<Series>> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellation = default)
    {
        var seconds = (long)step.TotalSeconds;
        var urls = Pieces(start, end, step)
            .Select(p => $"api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={Unix(p.Start)}&end={Unix(p.End)}&step={seconds}s");
        var answers = await Concurrently.AllAsync(urls, (url, token) => GetAsync(promql, url, token), cancellation).ConfigureAwait(false);
        return Series.Join(answers.SelectMany(a => a));
    }

    /// <summary>Consecutive sub-ranges on the same step grid, each with at most <see cref="MaxPointsPerSeries"/> points.</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Pieces(DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        if (step < TimeSpan.FromSeconds(1) || step.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "a whole number of seconds, at least 1");
        }
        var piece = step * (MaxPointsPerSeries - 1);
        for (var from = start; from <= end; from += piece + step)
        {
            yield return (from, from + piece < end ? from + piece : end);
        }
    }

    /// <summary>
    /// The most a reply may have. A piece has at most 11,000 points of about 30 bytes per series, a few series per
    /// query: a few MB. A larger reply is no query result of ours, and is not read further.
    /// </summary>
    public const int MaxReplyBytes = 32 * 1024 * 1024;

    private async Task<IReadOnlyList<Series>> GetAsync(string promql, string relative, CancellationToken cancellation)
    {
        Report(Interlocked.Increment(ref _queued), _answered);
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var series = await SendAsync(promql, relative, cancellation).ConfigureAwait(false);
            Report(_queued, Interlocked.Increment(ref _answered));
            return series;
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Report(int queued, int answered) => progress?.Report(new QueryProgress(answered, queued));

    private async Task<IReadOnlyList<Series>> SendAsync(string promql, string relative, CancellationToken cancellation)
    {
        // The timeout starts when the request is sent, not while it waits for a slot.
        ServerReply reply;
        try
        {
            reply = await _server.GetAsync(new Uri(connection.BaseUrl, relative), connection.Authorization, cancellation).ConfigureAwait(false);
        }
        catch (ServerException e)
        {
            throw new CalibrationException(e.Failure switch
            {
                ServerFailure.Timeout =>
                    $"Prometheus at {connection.BaseUrl} did not answer '{promql}' within {connection.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s; raise --timeout",
                ServerFailure.Deadline =>
                    $"the measurement at Prometheus {connection.BaseUrl} took longer than its deadline of {connection.Deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (at '{promql}'); raise --deadline, or measure fewer --baseline-days",
                ServerFailure.Unreachable =>
                    $"cannot reach Prometheus at {connection.BaseUrl} ({e.Detail}) for '{promql}'; check --prometheus and that the server runs",
                ServerFailure.BrokeOff => $"the reply of Prometheus at {connection.BaseUrl} to '{promql}' broke off ({e.Detail})",
                ServerFailure.TooLarge => TooLarge(promql),
                _ => $"Prometheus at {connection.BaseUrl} answered '{promql}' in a way calibrate does not follow: {e.Detail}",
            });
        }
        if (reply.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new CalibrationException(
                $"Prometheus at {connection.BaseUrl} refused '{promql}' ({(int)reply.Status}); set --basic-auth-user with {PrometheusConnection.PasswordVariable}, or {PrometheusConnection.TokenVariable}");
        }
        return Parse(promql, reply.Status, reply.Body);
    }

    private static string TooLarge(string promql) =>
        $"Prometheus answered '{promql}' with more than {MaxReplyBytes / (1024 * 1024)} MiB; no query result of calibrate is that large: is --prometheus a Prometheus server?";

    /// <summary>Reads Prometheus' reply envelope; anything else (well-formed JSON of another shape included) names the query.</summary>
    private static List<Series> Parse(string promql, HttpStatusCode status, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new CalibrationException($"Prometheus answered '{promql}' with HTTP {(int)status} and no JSON; is --prometheus the server's base URL?");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var state) || state.ValueKind != JsonValueKind.String)
            {
                throw Shape(promql, status, "no \"status\" text");
            }
            if (state.GetString() != "success")
            {
                var type = root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? OneLine(t.GetString()!) : "error";
                var error = root.TryGetProperty("error", out var m) && m.ValueKind == JsonValueKind.String ? OneLine(m.GetString()!) : "no message";
                throw new CalibrationException($"Prometheus rejected '{promql}' ({type}: {error})");
            }
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
            {
                throw Shape(promql, status, "no \"data\".\"result\" list");
            }
            var series = new List<Series>();
            foreach (var item in result.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Shape(promql, status, "a result that is not an object");
                }
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                if (item.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
                {
                    foreach (var label in metric.EnumerateObject())
                    {
                        labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
                    }
                }
                List<(DateTimeOffset, double)> samples;
                if (item.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    samples = [.. values.EnumerateArray().Select(v => Sample(v, promql, status))];
                }
                else if (item.TryGetProperty("value", out var value))
                {
                    samples = [Sample(value, promql, status)];
                }
                else
                {
                    throw Shape(promql, status, "a series without \"value\" or \"values\"");
                }
                series.Add(new Series(labels, samples));
            }
            return series;
        }
    }

    /// <summary>A sample is [unix seconds, "value"]; Prometheus writes NaN and ±Inf as text (the caller leaves them out).</summary>
    private static (DateTimeOffset, double) Sample(JsonElement pair, string promql, HttpStatusCode status)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
            || pair[0].ValueKind != JsonValueKind.Number || !pair[0].TryGetDouble(out var seconds)
            || seconds is < 0 or > MaxUnixSeconds || pair[1].ValueKind != JsonValueKind.String)
        {
            throw Shape(promql, status, "a sample that is not [unix time, \"value\"]");
        }
        var text = pair[1].GetString()!;
        double value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw Shape(promql, status, $"a sample value that is not a number ({OneLine(text)})"),
        };
        return (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), value);
    }

    /// <summary>9999-12-31T23:59:59Z, the last time DateTimeOffset holds.</summary>
    private const double MaxUnixSeconds = 253_402_300_799;

    private static CalibrationException Shape(string promql, HttpStatusCode status, string what) =>
        new($"Prometheus answered '{promql}' with HTTP {(int)status} and JSON that is not a query result ({what}); is --prometheus a Prometheus server's base URL?");

    /// <summary>Text from the server in a message: one line, at most 200 characters.</summary>
    private static string OneLine(string text) => ValueText.OneLine(text, 200);

    private static string Unix(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _server.Dispose();
        _slots.Dispose();
    }
}
