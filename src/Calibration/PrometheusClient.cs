using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FreshFoodz.Calibration;

/// <summary>How to reach a Prometheus: its URL, a bounded timeout per query, and optional credentials.</summary>
public sealed record PrometheusConnection(Uri BaseUrl, TimeSpan Timeout, AuthenticationHeaderValue? Authorization = null)
{
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
public sealed record Series(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Samples);

/// <summary>A measurement that could not be made; the message names the query and what to do.</summary>
public sealed class CalibrationException(string message) : Exception(message);

/// <summary>
/// The few calls of Prometheus' HTTP API calibration needs (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>), with
/// every failure turned into a message naming the query: unreachable, too slow, an HTTP or PromQL error.
/// </summary>
public sealed class PrometheusClient(PrometheusConnection connection, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    public Task<IReadOnlyList<Series>> QueryAsync(string promql, DateTimeOffset at) =>
        GetAsync(promql, $"api/v1/query?query={Uri.EscapeDataString(promql)}&time={Unix(at)}");

    public Task<IReadOnlyList<Series>> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step) =>
        GetAsync(promql, $"api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={Unix(start)}&end={Unix(end)}&step={(int)step.TotalSeconds}s");

    private async Task<IReadOnlyList<Series>> GetAsync(string promql, string relative)
    {
        var url = new Uri(connection.BaseUrl, relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = connection.Authorization;
        using var timeout = new CancellationTokenSource(connection.Timeout);
        string body;
        HttpStatusCode status;
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new CalibrationException(
                $"Prometheus at {connection.BaseUrl} did not answer '{promql}' within {connection.Timeout.TotalSeconds:0.#} s; raise --timeout or shorten --window");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.Message;
            throw new CalibrationException(
                $"cannot reach Prometheus at {connection.BaseUrl} ({reason}) for '{promql}'; check --prometheus and that the server runs");
        }
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new CalibrationException(
                $"Prometheus at {connection.BaseUrl} refused '{promql}' ({(int)status}); set --basic-auth-user with {PrometheusConnection.PasswordVariable}, or {PrometheusConnection.TokenVariable}");
        }
        return Parse(promql, status, body);
    }

    private static List<Series> Parse(string promql, HttpStatusCode status, string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new CalibrationException($"Prometheus answered '{promql}' with HTTP {(int)status} and no JSON; is --prometheus the server's base URL?");
        }
        if (root.GetProperty("status").GetString() != "success")
        {
            var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : "error";
            var error = root.TryGetProperty("error", out var m) ? m.GetString() : body;
            throw new CalibrationException($"Prometheus rejected '{promql}' ({type}: {error})");
        }
        var data = root.GetProperty("data");
        var series = new List<Series>();
        foreach (var result in data.GetProperty("result").EnumerateArray())
        {
            var labels = result.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            var samples = result.TryGetProperty("values", out var values)
                ? values.EnumerateArray().Select(Sample).ToList()
                : [Sample(result.GetProperty("value"))];
            series.Add(new Series(labels, samples));
        }
        return series;
    }

    /// <summary>A sample is [unix seconds, "value"]; Prometheus writes NaN and ±Inf as text.</summary>
    private static (DateTimeOffset, double) Sample(JsonElement pair) => (
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000)),
        pair[1].GetString() switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        });

    private static string Unix(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}
