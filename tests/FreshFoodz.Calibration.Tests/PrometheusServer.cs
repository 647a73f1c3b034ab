using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FreshFoodz.Calibration.Tests;

/// <summary>
/// The real Prometheus (Debian package <c>prometheus</c>) on free loopback ports, serving <see cref="ScrapedSeries"/>:
/// 518 days every 2 minutes, about 10 million samples. Built once per test run and shared by every test class (the
/// collection <see cref="SharedPrometheus"/>); stopped and deleted when the tests are done.
/// <para>
/// Why not <c>promtool tsdb create-blocks-from openmetrics</c>: Debian's promtool (2.42) has no
/// <c>--max-block-duration</c>; it writes 2-hour blocks and parses the whole input again for each one. 518 days are
/// 6,216 blocks; measured here at 0.05–0.08 s a block even with the input cut per day, that is 5–8 minutes, and
/// Prometheus would then open 6,216 blocks. Instead the series go in by remote write into a head whose block range
/// (<c>--storage.tsdb.min-block-duration</c>) is longer than the data, so nothing is cut into blocks: 25–35 seconds
/// on two shared cores, once per run. A second server behind basic auth (Prometheus' web config) starts from a
/// snapshot of the first (the admin API writes the head as one block).
/// </para>
/// </summary>
public sealed class PrometheusServer : IAsyncLifetime
{
    /// <summary>Test-only credentials; the hash is bcrypt (cost 10) of the password, as Prometheus' web config wants.</summary>
    public const string User = "calibrate";
    public const string Password = "test-only-password";
    private const string PasswordHash = "$2b$10$FOoDfp5.ZO14QcouiGTxqezOoNF6hLz9hzKbRgPKHI283JtmQ4AGW";

    private readonly string _dir = Directory.CreateTempSubdirectory("freshfoodz-prometheus-").FullName;
    private readonly List<RunningTool> _servers = [];

    public Uri Url { get; private set; } = null!;

    public Uri SecuredUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global: {}\n");
        var web = Path.Combine(_dir, "web.yml");
        await File.WriteAllTextAsync(web, $"basic_auth_users:\n  {User}: {PasswordHash}\n");
        var data = Path.Combine(_dir, "data");
        Url = await StartAsync(data, config, null, flags:
        [
            "--web.enable-remote-write-receiver", "--web.enable-admin-api",
            // A head block range longer than the data: nothing is cut into 2-hour blocks while loading.
            "--storage.tsdb.min-block-duration=100000h", "--storage.tsdb.max-block-duration=100000h",
        ]);
        await RemoteWrite.LoadAsync(Url, ScrapedSeries.All());
        var snapshot = await SnapshotAsync(Url, data);
        SecuredUrl = await StartAsync(Path.Combine(_dir, "data-secured"), config, web, copyFrom: snapshot);
    }

    /// <summary>The admin API writes the head as one block into data/snapshots/NAME; returns that folder.</summary>
    private static async Task<string> SnapshotAsync(Uri url, string data)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var response = await http.PostAsync(new Uri(url, "api/v1/admin/tsdb/snapshot"), null);
        var body = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        var name = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("name").GetString()!;
        return Path.Combine(data, "snapshots", name);
    }

    private async Task<Uri> StartAsync(string data, string config, string? web, string? copyFrom = null, string[]? flags = null)
    {
        if (copyFrom is not null)
        {
            CopyDirectory(copyFrom, data);
        }
        var port = FreePort();
        var args = new List<string>
        {
            $"--config.file={config}", $"--storage.tsdb.path={data}", $"--web.listen-address=127.0.0.1:{port}",
            // The blocks are months old: without a long retention Prometheus would delete them at start.
            "--storage.tsdb.retention.time=100y",
        };
        args.AddRange(flags ?? []);
        if (web is not null)
        {
            args.Add($"--web.config.file={web}");
        }
        var server = Tools.Start("prometheus", "prometheus", args);
        _servers.Add(server);
        var url = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url, "-/ready"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return url;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (server.Process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {server.Process.ExitCode}: {server.Output}");
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"prometheus on port {port} did not become ready in 30 s");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }

    public Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>A started tool whose output is drained (a full pipe would block it) and kept for error messages.</summary>
internal sealed class RunningTool(Process process) : IDisposable
{
    private readonly System.Text.StringBuilder _output = new();

    public Process Process { get; } = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Drain()
    {
        void Keep(object _, DataReceivedEventArgs e)
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        }
        Process.OutputDataReceived += Keep;
        Process.ErrorDataReceived += Keep;
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        Process.Dispose();
    }
}

/// <summary>Runs the real tools; a missing tool fails the test naming its Debian package (never a skip).</summary>
internal static class Tools
{
    public static string Find(string tool, string package) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} not found: install the Debian package {package} (.ci/run does)");

    public static RunningTool Start(string tool, string package, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Find(tool, package)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var running = new RunningTool(Process.Start(info)!);
        running.Drain();
        return running;
    }
}

/// <summary>Every test class that needs the Prometheus shares one, built once per run.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPrometheus : ICollectionFixture<PrometheusServer>
{
    public const string Name = "Prometheus";
}
