using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Sources;

/// <summary>
/// What the tool accepts from a server it asks (calibrate's Prometheus, prices refresh's Retail Prices API): the
/// server given, a time for each request, a deadline for the whole run, and a size for each reply.
/// </summary>
/// <param name="Origin">The URL given on the command line: redirects and next-page links stay on its host.</param>
/// <param name="RequestTimeout">How long one request may take, from sending it to the reply's last byte.</param>
/// <param name="Deadline">How long the whole run may take, every request, retry and wait included.</param>
/// <param name="MaxReplyBytes">The largest reply read; a larger one is refused without being read further.</param>
public sealed record ServerPolicy(Uri Origin, TimeSpan RequestTimeout, TimeSpan Deadline, long MaxReplyBytes)
{
    /// <summary>Redirects followed per request, as browsers and curl bound them.</summary>
    public const int MaxRedirects = 5;

    /// <summary>
    /// Whether the tool may go to <paramref name="url"/> (a redirect's Location, a next-page link): http or https
    /// only (no file:, ftp:, data:), on the given host, and either the given scheme and port or https on its default
    /// port (an upgrade, never a downgrade). Another host's answer would be written into a stack file or price sheet.
    /// </summary>
    public string? Refusal(Uri url)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return $"the scheme '{url.Scheme}' is not http or https";
        }
        if (!string.Equals(url.IdnHost, Origin.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            return $"it leaves {Origin.IdnHost} for {url.IdnHost}; only the server given is asked";
        }
        var sameScheme = url.Scheme == Origin.Scheme && url.Port == Origin.Port;
        var upgrade = url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort;
        return sameScheme || upgrade ? null : $"it changes {Origin.Scheme}://…:{Origin.Port} to {url.Scheme}://…:{url.Port}";
    }
}

/// <summary>Why a server could not be read, for the caller's message (each names its server and what to do).</summary>
public enum ServerFailure
{
    /// <summary>One request took longer than <see cref="ServerPolicy.RequestTimeout"/>.</summary>
    Timeout,

    /// <summary>The run took longer than <see cref="ServerPolicy.Deadline"/>.</summary>
    Deadline,

    /// <summary>No connection (refused, unknown host, TLS).</summary>
    Unreachable,

    /// <summary>The reply broke off.</summary>
    BrokeOff,

    /// <summary>More than <see cref="ServerPolicy.MaxReplyBytes"/>.</summary>
    TooLarge,

    /// <summary>A redirect or link the policy refuses (another host, another scheme, too many redirects).</summary>
    Refused,

    /// <summary>A reply in a character set other than UTF-8 (JSON is UTF-8, RFC 8259).</summary>
    Charset,
}

/// <summary>A server that could not be read; <see cref="Url"/> is the request's, <see cref="Detail"/> one line of why.</summary>
public sealed class ServerException(ServerFailure failure, Uri url, string detail)
    : Exception($"{failure} at {url}: {detail}")
{
    public ServerFailure Failure { get; } = failure;

    public Uri Url { get; } = url;

    public string Detail { get; } = detail;
}

/// <summary>A reply: its status, the URL that gave it (after redirects), its body (UTF-8) and the Retry-After it asked for.</summary>
public sealed record ServerReply(HttpStatusCode Status, Uri Url, byte[] Body, TimeSpan? RetryAfter);

/// <summary>
/// The one HTTP client of the tool, under a <see cref="ServerPolicy"/>: redirects followed by hand and checked
/// (<see cref="ServerPolicy.Refusal"/>), each reply read at most to its cap, a charset other than UTF-8 refused, and
/// every request and wait inside the run's deadline. Failures are <see cref="ServerException"/>s, never a stack trace.
/// </summary>
public sealed class OutsideServer : IDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _deadline;

    public OutsideServer(ServerPolicy policy, HttpMessageHandler? handler = null)
    {
        Policy = policy;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _deadline = new CancellationTokenSource(policy.Deadline);
    }

    public ServerPolicy Policy { get; }

    /// <summary>Cancelled when the run's deadline passes: for the caller's own waits (a retry's back-off).</summary>
    public CancellationToken Deadline => _deadline.Token;

    /// <summary>GET <paramref name="url"/> (redirects followed within the policy), its whole reply read within the caps.</summary>
    public async Task<ServerReply> GetAsync(Uri url, AuthenticationHeaderValue? authorization = null, CancellationToken cancellation = default)
    {
        Check(url, url);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _deadline.Token);
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = authorization;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
            timeout.CancelAfter(Policy.RequestTimeout);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (redirects >= ServerPolicy.MaxRedirects)
                    {
                        throw new ServerException(ServerFailure.Refused, url, $"more than {ServerPolicy.MaxRedirects} redirects");
                    }
                    Check(url, next, "redirect");
                    url = next;
                    continue;
                }
                CheckCharset(url, response.Content.Headers.ContentType);
                var body = await ReadBoundedAsync(url, response.Content, timeout.Token).ConfigureAwait(false);
                return new ServerReply(response.StatusCode, url, body, response.Headers.RetryAfter?.Delta);
            }
            catch (OperationCanceledException) when (_deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
                throw new ServerException(ServerFailure.Deadline, url, $"the run took longer than {Seconds(Policy.Deadline)} s");
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
                throw new ServerException(ServerFailure.Timeout, url, $"no complete answer within {Seconds(Policy.RequestTimeout)} s");
            }
            catch (HttpRequestException e)
            {
                var reason = e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : ValueText.OneLine(e.Message, 200);
                throw new ServerException(ServerFailure.Unreachable, url, reason);
            }
            catch (IOException e)
            {
                throw new ServerException(ServerFailure.BrokeOff, url, ValueText.OneLine(e.Message, 200));
            }
        }
    }

    /// <summary>
    /// The next page a reply names (<paramref name="link"/>, absolute or relative to the page that named it), if the
    /// policy allows it; otherwise a <see cref="ServerException"/> naming the page.
    /// </summary>
    public Uri Follow(Uri page, string link)
    {
        if (!Uri.TryCreate(page, link, out var next))
        {
            throw new ServerException(ServerFailure.Refused, page, $"its next-page link {ValueText.Quote(link)} is no URL");
        }
        Check(page, next, "next-page link");
        return next;
    }

    /// <summary>Waits <paramref name="delay"/> (a retry's back-off) within the run's deadline.</summary>
    public async Task WaitAsync(Uri url, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new ServerException(ServerFailure.Deadline, url, $"the run took longer than {Seconds(Policy.Deadline)} s");
        }
    }

    private void Check(Uri from, Uri to, string what = "URL")
    {
        if (Policy.Refusal(to) is { } refused)
        {
            throw new ServerException(ServerFailure.Refused, from, $"its {what} to {ValueText.OneLine(to.ToString(), 200)} is refused: {refused}");
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>JSON is UTF-8 (RFC 8259, section 8.1); a reply that says it is anything else is not read as something it is not.</summary>
    private static void CheckCharset(Uri url, MediaTypeHeaderValue? type)
    {
        var charset = type?.CharSet?.Trim('"', ' ');
        if (charset is not (null or "") && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase) && !string.Equals(charset, "us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            throw new ServerException(ServerFailure.Charset, url, $"the reply is in charset {ValueText.Quote(charset)}; the tool reads UTF-8 JSON");
        }
    }

    private async Task<byte[]> ReadBoundedAsync(Uri url, HttpContent content, CancellationToken cancellation)
    {
        if (content.Headers.ContentLength > Policy.MaxReplyBytes)
        {
            throw TooLarge(url);
        }
        await using var stream = await content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int n; (n = await stream.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0;)
        {
            if (buffer.Length + n > Policy.MaxReplyBytes)
            {
                throw TooLarge(url);
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private ServerException TooLarge(Uri url) =>
        new(ServerFailure.TooLarge, url, $"the reply has more than {Mebibytes(Policy.MaxReplyBytes)} MiB");

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _http.Dispose();
        _deadline.Dispose();
    }
}
