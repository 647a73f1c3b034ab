using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FreshFoodz.Calibration.Tests;

/// <summary>
/// The real Prometheus (Debian package <c>prometheus</c>) on a free loopback port, serving a TSDB built with
/// <c>promtool tsdb create-blocks-from openmetrics</c> from <see cref="KnownSeries"/>. Optionally behind basic auth
/// (Prometheus' web config). Stopped and deleted when the tests are done.
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
        var input = Path.Combine(_dir, "series.om");
        await File.WriteAllTextAsync(input, KnownSeries.OpenMetrics());
        var data = Path.Combine(_dir, "data");
        await Tools.RunAsync("promtool", "prometheus", ["tsdb", "create-blocks-from", "openmetrics", input, data]);
        var config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global: {}\n");
        var web = Path.Combine(_dir, "web.yml");
        await File.WriteAllTextAsync(web, $"basic_auth_users:\n  {User}: {PasswordHash}\n");
        Url = await StartAsync(data, config, null);
        SecuredUrl = await StartAsync(Path.Combine(_dir, "data-secured"), config, web, copyFrom: data);
    }

    private async Task<Uri> StartAsync(string data, string config, string? web, string? copyFrom = null)
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

    public static async Task RunAsync(string tool, string package, IEnumerable<string> args)
    {
        using var running = Start(tool, package, args);
        await running.Process.WaitForExitAsync();
        if (running.Process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({running.Process.ExitCode}): {running.Output}");
        }
    }
}
