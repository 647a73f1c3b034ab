using System.Net;
using System.Net.Sockets;
using FreshFoodz.Cli;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration.Tests;

/// <summary>calibrate against the real Prometheus serving series with known answers (<see cref="KnownSeries"/>).</summary>
public class CalibrateTests(PrometheusServer prometheus) : IClassFixture<PrometheusServer>
{
    private static readonly string Root = FreshFoodz.Testing.RepositoryRoot.Path;

    private static StackSettings Settings(string stack) => StackSettingsReader.Read(StackFileLoader.Load(Root, stack));

    private async Task<Measurement> Measure(string stack, DateTimeOffset at, Uri? url = null)
    {
        using var client = new PrometheusClient(new PrometheusConnection(url ?? prometheus.Url, TimeSpan.FromSeconds(20)));
        return await Baseline.MeasureAsync(client, Settings(stack), at, TimeSpan.FromDays(28));
    }

    [Fact]
    public async Task MeasuresTheBaselineTheSeriesEncode()
    {
        var m = await Measure("de-prod", KnownSeries.JanuaryEnd);
        Assert.Equal(KnownSeries.BaselineRate, m.BaselineRequestsPerSecond, 6);
        foreach (var (route, rate) in KnownSeries.Routes)
        {
            Assert.Equal(rate, m.BaselineByRouteClass[route], 6);
        }
        Assert.Equal(KnownSeries.MeanDuration, m.MeanServiceTimeSeconds, 6);
        Assert.Equal(KnownSeries.P95Duration, m.P95ServiceTimeSeconds, 6);
        Assert.Equal(0, m.ExcludedPeakDays);
    }

    [Fact]
    public async Task PeakSeasonDaysAreLeftOut()
    {
        // Mar 4 – Apr 1: from Mar 18 (Spargel's capacity window) traffic is 3x; those 15 days must not count.
        var m = await Measure("de-prod", KnownSeries.AprilEnd);
        Assert.Equal(15, m.ExcludedPeakDays);
        Assert.Equal(14, m.BaselineDays);
        Assert.Equal(KnownSeries.BaselineRate, m.BaselineRequestsPerSecond, 6);
    }

    [Fact]
    public async Task AMissingSeriesNamesTheQuery()
    {
        var e = await Assert.ThrowsAsync<CalibrationException>(() => Measure("ch-prod", KnownSeries.JanuaryEnd));
        Assert.Contains("http_requests_total{territory=\"ch\"}", e.Message, StringComparison.Ordinal);
        Assert.Contains("returned no data for territory ch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatIsNotRunningIsAClearError()
    {
        var url = new Uri($"http://127.0.0.1:{PrometheusServer.FreePort()}/");
        var e = await Assert.ThrowsAsync<CalibrationException>(() => Measure("de-prod", KnownSeries.JanuaryEnd, url));
        Assert.StartsWith($"cannot reach Prometheus at {url} (ConnectionRefused)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowServerTimesOutWithinTheBound()
    {
        // A loopback listener that accepts and never answers; the test stops it itself.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        using var client = new PrometheusClient(new PrometheusConnection(url, TimeSpan.FromSeconds(1)));
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<CalibrationException>(() =>
            Baseline.MeasureAsync(client, Settings("de-prod"), KnownSeries.JanuaryEnd, TimeSpan.FromDays(28)));
        Assert.Contains("did not answer", e.Message, StringComparison.Ordinal);
        Assert.Contains("within 1 s; raise --timeout", e.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        listener.Stop();
    }

    [Fact]
    public async Task BasicAuthUsesThePasswordFromTheEnvironment()
    {
        using var anonymous = new PrometheusClient(new PrometheusConnection(prometheus.SecuredUrl, TimeSpan.FromSeconds(20)));
        var refused = await Assert.ThrowsAsync<CalibrationException>(() =>
            Baseline.MeasureAsync(anonymous, Settings("de-prod"), KnownSeries.JanuaryEnd, TimeSpan.FromDays(28)));
        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
        Assert.Contains(PrometheusConnection.PasswordVariable, refused.Message, StringComparison.Ordinal);

        var authorization = PrometheusConnection.AuthorizationFrom(PrometheusServer.User,
            name => name == PrometheusConnection.PasswordVariable ? PrometheusServer.Password : null);
        using var authorized = new PrometheusClient(new PrometheusConnection(prometheus.SecuredUrl, TimeSpan.FromSeconds(20), authorization));
        var m = await Baseline.MeasureAsync(authorized, Settings("de-prod"), KnownSeries.JanuaryEnd, TimeSpan.FromDays(28));
        Assert.Equal(KnownSeries.BaselineRate, m.BaselineRequestsPerSecond, 6);
    }

    [Fact]
    public void CredentialsComeOnlyFromTheEnvironment()
    {
        Assert.Null(PrometheusConnection.AuthorizationFrom(null, _ => null));
        var bearer = PrometheusConnection.AuthorizationFrom(null, n => n == PrometheusConnection.TokenVariable ? "t0ken" : null);
        Assert.Equal(("Bearer", "t0ken"), (bearer!.Scheme, bearer.Parameter));
        var e = Assert.Throws<CalibrationException>(() => PrometheusConnection.AuthorizationFrom("ops", _ => null));
        Assert.Contains(PrometheusConnection.PasswordVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteChangesOnlyTheMeasuredValuesAndKeepsEveryOtherByte()
    {
        var dir = ProjectWithDeProd(out var file);
        // Start from values that differ from what the series encode, so every measured line must change.
        var original = File.ReadAllText(file)
            .Replace("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: 45", StringComparison.Ordinal)
            .Replace("meanServiceTimeSeconds: 0.2", "meanServiceTimeSeconds: 0.25", StringComparison.Ordinal);
        File.WriteAllText(file, original);

        var (exit, output, error) = Calibrate(dir, "--write");
        Assert.True(exit == 0, error);
        Assert.Contains("Updated 3 values", output, StringComparison.Ordinal);

        var before = original.Split('\n');
        var after = File.ReadAllText(file).Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.Equal(
            ["      baselineRequestsPerSecond: 50", "      meanServiceTimeSeconds: 0.2", "      p95ServiceTimeSeconds: 0.75"],
            changed.Select(i => after[i]));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
    }

    [Fact]
    public void WithoutWriteNothingIsWritten()
    {
        var dir = ProjectWithDeProd(out var file);
        var bytes = File.ReadAllBytes(file);
        var (exit, output, _) = Calibrate(dir);
        Assert.Equal(0, exit);
        Assert.Contains("Nothing written", output, StringComparison.Ordinal);
        Assert.Contains("p95ServiceTimeSeconds", output, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void AFailedMeasurementLeavesTheStackFileUntouched()
    {
        var dir = ProjectWithDeProd(out var file);
        var bytes = File.ReadAllBytes(file);
        var stderr = new StringWriter();
        var exit = CliApp.Run(
            ["calibrate", "--stack", "de-prod", "--prometheus", $"http://127.0.0.1:{PrometheusServer.FreePort()}", "--at", "2026-02-02T00:00:00Z", "--write", "--project-dir", dir],
            new StringWriter(), stderr, TimeProvider.System, _ => null);
        Assert.Equal(CliApp.MeasurementError, exit);
        Assert.StartsWith("error: cannot reach Prometheus", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
    }

    private (int Exit, string Out, string Err) Calibrate(string dir, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(
            ["calibrate", "--stack", "de-prod", "--prometheus", prometheus.Url.ToString(), "--at", "2026-02-02T00:00:00Z", "--window", "28d", "--project-dir", dir, .. extra],
            stdout, stderr, TimeProvider.System, _ => null);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string ProjectWithDeProd(out string file)
    {
        var dir = Directory.CreateTempSubdirectory("freshfoodz-calibrate-").FullName;
        File.Copy(Path.Combine(Root, "Pulumi.yaml"), Path.Combine(dir, "Pulumi.yaml"));
        file = Path.Combine(dir, "Pulumi.de-prod.yaml");
        File.Copy(Path.Combine(Root, "Pulumi.de-prod.yaml"), file);
        return dir;
    }

}
