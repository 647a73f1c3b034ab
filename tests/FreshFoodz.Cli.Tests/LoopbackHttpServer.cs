using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FreshFoodz.Cli.Tests;

/// <summary>
/// An HTTP server on a free loopback port that hands every request to one answer function, for the fakes of outside
/// services (Prometheus, the Retail Prices API). A client that gives up mid-answer is expected, not an error.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _answer;
    private readonly Task _serving;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> answer)
    {
        _answer = answer;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/";
        }
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

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
                try
                {
                    await _answer(context);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                    context.Response.Abort();
                }
            });
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
