using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FreshFoodz.Cli.Tests;

/// <summary>A reply of the fake API: status, JSON body, optional delay and Retry-After.</summary>
internal sealed record FakeReply(int Status, string Body, TimeSpan Delay = default, string? RetryAfter = null);

/// <summary>
/// A local stand-in for the Azure Retail Prices API on a free loopback port: answers each request with what the test's
/// handler returns for its $filter (and page). Responses are written here in the API's documented shape
/// ({ BillingCurrency, CustomerEntityId, CustomerEntityType, Items: [...], NextPageLink, Count }); never the internet.
/// </summary>
internal sealed class FakeRetailPrices : IDisposable
{
    private readonly Func<string, string?, int, FakeReply> _handler;
    private readonly LoopbackHttpServer _server;

    public FakeRetailPrices(Func<string, string?, int, FakeReply> handler)
    {
        _handler = handler;
        _server = new LoopbackHttpServer(AnswerAsync);
        Url = _server.BaseUrl + "api/retail/prices";
    }

    public string Url { get; }

    /// <summary>Every request's (currencyCode, $filter, page), in arrival order.</summary>
    public List<(string Currency, string Filter, int Page)> Requests { get; } = [];

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var q = context.Request.QueryString;
        var filter = q["$filter"] ?? "";
        var page = int.TryParse(q["page"], CultureInfo.InvariantCulture, out var p) ? p : 0;
        var currency = (q["currencyCode"] ?? "").Trim('\'');
        lock (Requests)
        {
            Requests.Add((currency, filter, page));
        }
        var reply = _handler(filter, currency, page);
        try
        {
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay);
            }
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is { } ra)
            {
                context.Response.AddHeader("Retry-After", ra);
            }
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (timeout test); nothing to answer.
        }
    }

    /// <summary>A page in the API's shape; <paramref name="next"/> is the NextPageLink (null on the last page).</summary>
    public static string Page(string currency, IEnumerable<JsonObject> items, string? next = null)
    {
        var list = items.ToList();
        return new JsonObject
        {
            ["BillingCurrency"] = currency,
            ["CustomerEntityId"] = "Default",
            ["CustomerEntityType"] = "Retail",
            ["Items"] = new JsonArray([.. list]),
            ["NextPageLink"] = next,
            ["Count"] = list.Count,
        }.ToJsonString();
    }

    /// <summary>One price row with the fields the API returns.</summary>
    public static JsonObject Item(string currency, decimal price, string region, string service, string product, string sku, string armSku,
        string meter, string unit, string meterId, string type = "Consumption", decimal tierMinimum = 0) => new()
        {
            ["currencyCode"] = currency,
            ["tierMinimumUnits"] = tierMinimum,
            ["retailPrice"] = price,
            ["unitPrice"] = price,
            ["armRegionName"] = region,
            ["location"] = region,
            ["effectiveStartDate"] = "2025-04-01T00:00:00Z",
            ["meterId"] = meterId,
            ["meterName"] = meter,
            ["productId"] = "DZH318Z0BQ4L",
            ["skuId"] = "DZH318Z0BQ4L/00TG",
            ["productName"] = product,
            ["skuName"] = sku,
            ["serviceName"] = service,
            ["serviceId"] = "DZH313Z7MMC8",
            ["serviceFamily"] = "Compute",
            ["unitOfMeasure"] = unit,
            ["type"] = type,
            ["isPrimaryMeterRegion"] = true,
            ["armSkuName"] = armSku,
        };

    /// <summary>The value of one <c>name eq '…'</c> clause of a filter, or null.</summary>
    public static string? Clause(string filter, string name)
    {
        var m = Regex.Match(filter, name + @" eq '((?:[^']|'')*)'");
        return m.Success ? m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;
    }

    public void Dispose() => _server.Dispose();
}
