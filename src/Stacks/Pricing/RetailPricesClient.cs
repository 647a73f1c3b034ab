using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>A price refresh that could not be made; the message names the URL or meter and what to do.</summary>
public sealed class PriceRefreshException(string message) : Exception(message);

/// <summary>Where the Retail Prices API is and how patient to be with it.</summary>
public sealed record RetailPricesConnection(Uri BaseUrl, TimeSpan Timeout, int Attempts = 3, TimeSpan? RetryDelay = null)
{
    /// <summary>The public, unauthenticated endpoint (Azure Retail Prices overview, learn.microsoft.com).</summary>
    public static readonly Uri Public = new("https://prices.azure.com/api/retail/prices");

    /// <summary>Pages followed at most per query; a well-filtered meter query returns one or two.</summary>
    public const int MaxPages = 50;
}

/// <summary>
/// Reads the Azure Retail Prices API: <c>GET {base}?currencyCode='EUR'&amp;$filter=…</c> answers
/// <c>{ "Items": [ … ], "NextPageLink": url|null }</c> with up to 100 items a page. Every page is followed. HTTP 429
/// and 5xx are retried (honouring Retry-After up to the retry delay's 10-fold); anything else that fails is a
/// <see cref="PriceRefreshException"/> naming the URL.
/// </summary>
public sealed class RetailPricesClient(RetailPricesConnection connection, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

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
            var body = await GetAsync(url).ConfigureAwait(false);
            url = Parse(url, body, currency, items);
        }
        return items;
    }

    private async Task<string> GetAsync(Uri url)
    {
        var delay = connection.RetryDelay ?? TimeSpan.FromSeconds(2);
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(connection.Timeout);
            HttpStatusCode status;
            string body;
            TimeSpan? retryAfter;
            try
            {
                using var response = await _http.GetAsync(url, timeout.Token).ConfigureAwait(false);
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
                body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new PriceRefreshException(
                    $"the Retail Prices API at {connection.BaseUrl} did not answer within {connection.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({url}); try again or raise --timeout");
            }
            catch (HttpRequestException e)
            {
                var reason = e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.Message;
                throw new PriceRefreshException($"cannot reach the Retail Prices API at {connection.BaseUrl} ({reason}); check --api and the network");
            }
            if (status == HttpStatusCode.OK)
            {
                return body;
            }
            var retryable = status == HttpStatusCode.TooManyRequests || (int)status >= 500;
            if (!retryable || attempt >= connection.Attempts)
            {
                throw new PriceRefreshException(
                    $"the Retail Prices API answered HTTP {(int)status} for {url}{(retryable ? $" after {attempt} attempts" : "")}; try again later");
            }
            var wait = retryAfter is { } ra && ra <= delay * 10 ? ra : delay * attempt;
            await Task.Delay(wait).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a page's items; returns the next page's URL, or null on the last page.</summary>
    private static Uri? Parse(Uri url, string body, string currency, List<RetailPriceItem> items)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Items", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new PriceRefreshException($"the Retail Prices API answered {url} without an Items list; is --api the prices endpoint?");
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
                    throw new PriceRefreshException($"the Retail Prices API answered in {item.CurrencyCode}, not {currency}, for {url}");
                }
                items.Add(item);
            }
            var next = root.TryGetProperty("NextPageLink", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return string.IsNullOrEmpty(next) ? null : new Uri(next);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or UriFormatException)
        {
            throw new PriceRefreshException($"the Retail Prices API answered {url} with malformed JSON ({e.Message.Split('\n')[0]}); try again, or report the response");
        }
    }

    private static string S(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public void Dispose() => _http.Dispose();
}
