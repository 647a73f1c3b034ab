using System.Globalization;
using System.Net;
using System.Text.Json;
using FreshFoodz.Stacks.Settings;
using FreshFoodz.Stacks.Sources;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>A price refresh that could not be made; the message names the URL or meter and what to do.</summary>
public sealed class PriceRefreshException(string message) : Exception(message);

/// <summary>Where the Retail Prices API is and how patient to be with it: each request, and the whole refresh.</summary>
public sealed record RetailPricesConnection(Uri BaseUrl, TimeSpan Timeout, int Attempts = 3, TimeSpan? RetryDelay = null)
{
    /// <summary>
    /// The whole refresh's deadline. A stack bills about 60 meters, each one query of one or two pages: a minute or
    /// two. 10 minutes is ample and bounds a server that answers every page just within the timeout.
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The largest reply read: a page holds at most 100 items of about 600 bytes (Azure Retail Prices overview), some
    /// 60 KB. 4 MiB is far beyond any page and bounds a server that streams without end.
    /// </summary>
    public const long MaxReplyBytes = 4 * 1024 * 1024;

    /// <summary>The public, unauthenticated endpoint (Azure Retail Prices overview, learn.microsoft.com).</summary>
    public static readonly Uri Public = new("https://prices.azure.com/api/retail/prices");

    /// <summary>Pages followed at most per query; a well-filtered meter query returns one or two.</summary>
    public const int MaxPages = 50;
}

/// <summary>
/// Reads the Azure Retail Prices API: <c>GET {base}?currencyCode='EUR'&amp;$filter=…</c> answers
/// <c>{ "Items": [ … ], "NextPageLink": url|null }</c> with up to 100 items a page. Every page is followed, on the
/// server given only (<see cref="OutsideServer"/>: redirects and links checked, replies capped, one deadline for
/// the whole refresh). HTTP 429 and 5xx are retried (honouring Retry-After up to the retry delay's 10-fold); anything
/// else that fails is a <see cref="PriceRefreshException"/> naming the URL.
/// </summary>
public sealed class RetailPricesClient(RetailPricesConnection connection, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly OutsideServer _server = new(
        new ServerPolicy(connection.BaseUrl, connection.Timeout, connection.Deadline, RetailPricesConnection.MaxReplyBytes), handler);

    public async Task<IReadOnlyList<RetailPriceItem>> QueryAsync(string currency, string filter)
    {
        var url = new Uri($"{connection.BaseUrl}?currencyCode={Uri.EscapeDataString($"'{currency}'")}&$filter={Uri.EscapeDataString(filter)}");
        var items = new List<RetailPriceItem>();
        for (var page = 0; url is not null; page++)
        {
            if (page == RetailPricesConnection.MaxPages)
            {
                throw new PriceRefreshException($"the Retail Prices API kept paging past {RetailPricesConnection.MaxPages} pages for filter {filter}; narrow the meter's filter");
            }
            var reply = await GetAsync(url).ConfigureAwait(false);
            url = Next(reply.Url, Parse(reply.Url, reply.Body, currency, items));
        }
        return items;
    }

    private async Task<ServerReply> GetAsync(Uri url)
    {
        var delay = connection.RetryDelay ?? TimeSpan.FromSeconds(2);
        for (var attempt = 1; ; attempt++)
        {
            ServerReply reply;
            try
            {
                reply = await _server.GetAsync(url).ConfigureAwait(false);
            }
            catch (ServerException e)
            {
                throw Failed(e);
            }
            if (reply.Status == HttpStatusCode.OK)
            {
                return reply;
            }
            var retryable = reply.Status == HttpStatusCode.TooManyRequests || (int)reply.Status >= 500;
            if (!retryable || attempt >= connection.Attempts)
            {
                throw new PriceRefreshException(
                    $"the Retail Prices API answered HTTP {(int)reply.Status} for {Shown(reply.Url)}{(retryable ? $" after {attempt} attempts" : "")}; try again later");
            }
            var wait = reply.RetryAfter is { } ra && ra <= delay * 10 ? ra : delay * attempt;
            try
            {
                await _server.WaitAsync(url, wait).ConfigureAwait(false);
            }
            catch (ServerException e)
            {
                throw Failed(e);
            }
        }
    }

    /// <summary>The next page's URL (on the server given), or null on the last page.</summary>
    private Uri? Next(Uri page, string? link)
    {
        try
        {
            return string.IsNullOrEmpty(link) ? null : _server.Follow(page, link);
        }
        catch (ServerException e)
        {
            throw Failed(e);
        }
    }

    private PriceRefreshException Failed(ServerException e) => new(e.Failure switch
    {
        ServerFailure.Timeout =>
            $"the Retail Prices API at {connection.BaseUrl} did not answer within {Seconds(connection.Timeout)} s ({Shown(e.Url)}); try again or raise --timeout",
        ServerFailure.Deadline =>
            $"the refresh from the Retail Prices API at {connection.BaseUrl} took longer than its deadline of {Seconds(connection.Deadline)} s ({Shown(e.Url)}); nothing was written; try again or raise --deadline",
        ServerFailure.Unreachable => $"cannot reach the Retail Prices API at {connection.BaseUrl} ({e.Detail}); check --api and the network",
        _ => $"the Retail Prices API answered {Shown(e.Url)} in a way the refresh does not follow: {e.Detail}; is --api the prices endpoint?",
    });

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Shown(Uri url) => ValueText.OneLine(url.ToString(), 300);

    /// <summary>Adds a page's items; returns its next-page link, or null on the last page.</summary>
    private static string? Parse(Uri url, byte[] body, string currency, List<RetailPriceItem> items)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Items", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new PriceRefreshException($"the Retail Prices API answered {Shown(url)} without an Items list; is --api the prices endpoint?");
            }
            foreach (var i in list.EnumerateArray())
            {
                var item = new RetailPriceItem(
                    S(i, "currencyCode"), i.GetProperty("retailPrice").GetDecimal(), S(i, "armRegionName"), S(i, "serviceName"),
                    S(i, "productName"), S(i, "skuName"), S(i, "armSkuName"), S(i, "meterName"), S(i, "meterId"),
                    S(i, "unitOfMeasure"), S(i, "type"),
                    i.TryGetProperty("tierMinimumUnits", out var tier) ? tier.GetDecimal() : 0m,
                    DateTimeOffset.Parse(S(i, "effectiveStartDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                if (item.CurrencyCode != currency)
                {
                    throw new PriceRefreshException($"the Retail Prices API answered in {ValueText.Quote(item.CurrencyCode)}, not {currency}, for {Shown(url)}");
                }
                items.Add(item);
            }
            return root.TryGetProperty("NextPageLink", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            throw new PriceRefreshException($"the Retail Prices API answered {Shown(url)} with malformed JSON ({ValueText.OneLine(e.Message, 200)}); try again, or report the response");
        }
    }

    private static string S(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public void Dispose() => _server.Dispose();
}
