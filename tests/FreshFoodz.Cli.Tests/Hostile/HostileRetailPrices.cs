using System.Net;
using System.Text.Json.Nodes;

using static FreshFoodz.Cli.Tests.Hostile.HttpReplies;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// A loopback stand-in for the Azure Retail Prices API gone wrong, for <c>prices refresh</c>: the first path segment
/// names the reply (<c>http://127.0.0.1:port/huge/api/retail/prices?…</c>). <c>ok</c> answers every query with no
/// rows (every meter listed as not found), so the others differ from a working server in one way each: a reply
/// without end, pages that never stop, links and redirects off the server, an unknown charset, and rows whose values
/// a price sheet refuses.
/// </summary>
public sealed class HostileRetailPrices : IDisposable
{
    private readonly LoopbackHttpServer _server;

    public HostileRetailPrices() => _server = new LoopbackHttpServer(AnswerAsync);

    public string Url => _server.BaseUrl;

    /// <summary>The same server under another host name: another host to the tool, which compares names, not addresses.</summary>
    private string OtherHost => _server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    private Task AnswerAsync(HttpListenerContext c)
    {
        var name = c.Request.Url!.Segments.ElementAtOrDefault(1)?.TrimEnd('/') ?? "";
        var currency = (c.Request.QueryString["currencyCode"] ?? "EUR").Trim('\'');
        var filter = c.Request.QueryString["$filter"] ?? "";
        return name switch
        {
            "ok" => Json(c, FakeRetailPrices.Page(currency, [])),
            "huge" => EndlessList(c, "{\"Items\":[", "{\"currencyCode\":\"EUR\"}"),
            "slow-pages" => SlowPage(c, currency, filter),
            "next-other-host" => Json(c, FakeRetailPrices.Page(currency, [], $"{OtherHost}ok/api/retail/prices?page=2")),
            "next-ftp" => Json(c, FakeRetailPrices.Page(currency, [], "ftp://127.0.0.1/prices.json")),
            "next-relative" => c.Request.Url.AbsolutePath.EndsWith("/page2", StringComparison.Ordinal)
                ? Send(c, 200, "application/json", "<html>not json</html>")
                : Json(c, FakeRetailPrices.Page(currency, [], "page2?x=1")),
            "redirect-file" => Redirect(c, "file:///etc/passwd"),
            "redirect-other-host" => Redirect(c, $"{OtherHost}ok/api/retail/prices{c.Request.Url.Query}"),
            "charset-unknown" => Send(c, 200, "application/json; charset=klingon", FakeRetailPrices.Page(currency, [])),
            "price-absurd" => Json(c, FakeRetailPrices.Page(currency, VmRow(currency, filter, 1e9m, "D4ds v5"))),
            "meter-name-escape" => Json(c, FakeRetailPrices.Page(currency, VmRow(currency, filter, 0.2m, "D4ds v5\u001b[2J\u001b]0;owned\u0007"))),
            _ => Send(c, 404, "text/plain", "no such reply"),
        };
    }

    /// <summary>The Linux pay-as-you-go row of the VM size a filter asks for (none for other meters).</summary>
    private static List<JsonObject> VmRow(string currency, string filter, decimal price, string meterName)
    {
        if (FakeRetailPrices.Clause(filter, "serviceName") != "Virtual Machines")
        {
            return [];
        }
        var size = FakeRetailPrices.Clause(filter, "armSkuName")!;
        var region = FakeRetailPrices.Clause(filter, "armRegionName")!;
        return [FakeRetailPrices.Item(currency, price, region, "Virtual Machines", "Virtual Machines Ddsv5 Series", meterName, size, meterName, "1 Hour", $"vm-{size}")];
    }

    /// <summary>Every page just within a request's timeout, and always another one: only the run's deadline ends it.</summary>
    private static async Task SlowPage(HttpListenerContext c, string currency, string filter)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var page = int.TryParse(c.Request.QueryString["page"], out var p) ? p : 0;
        var next = $"{c.Request.Url!.GetLeftPart(UriPartial.Path)}?currencyCode='{currency}'&$filter={Uri.EscapeDataString(filter)}&page={page + 1}";
        await Json(c, FakeRetailPrices.Page(currency, [], next));
    }

    public void Dispose() => _server.Dispose();
}
