using System.Net;
using System.Text;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>The replies the hostile fake servers (Prometheus, Retail Prices) have in common.</summary>
internal static class HttpReplies
{
    public static Task Json(HttpListenerContext c, string body) => Send(c, 200, "application/json", body);

    public static async Task Send(HttpListenerContext c, int status, string type, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        c.Response.StatusCode = status;
        c.Response.ContentType = type;
        c.Response.ContentLength64 = bytes.Length;
        await c.Response.OutputStream.WriteAsync(bytes);
        c.Response.Close();
    }

    public static Task Redirect(HttpListenerContext c, string location)
    {
        c.Response.StatusCode = 302;
        c.Response.RedirectLocation = location;
        c.Response.Close();
        return Task.CompletedTask;
    }

    /// <summary>
    /// 40 MB of a never-ending JSON list without a Content-Length: <paramref name="opening"/>, then
    /// <paramref name="element"/> over and over. Only a bounded read stops the client before the end.
    /// </summary>
    public static async Task EndlessList(HttpListenerContext c, string opening, string element)
    {
        c.Response.SendChunked = true;
        c.Response.ContentType = "application/json";
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(element + ",", 4096)));
        try
        {
            await c.Response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes(opening));
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
}
