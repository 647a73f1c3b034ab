using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>
/// Builds a stack's price sheet from the Retail Prices API: the meters every season's plan bills (both regions), one
/// query each, the matching Consumption row at the meter's tier (the first, unless a free allowance comes first) (latest effective date, then meter id, so a refresh is
/// deterministic), a meter's fallback region where its own has no row, and the meters the API did not return listed as missing.
/// </summary>
public static class PriceRefresh
{
    /// <summary>The distinct meters the stack's plans bill in any season (volume-billed ones too, estimated or not), sorted by key.</summary>
    public static IReadOnlyList<MeterQuery> MetersOf(StackSettings settings) =>
        [.. SeasonNames.All
            .Select(s => PlanCostModel.Demands(StackPlanner.Build(settings, s), settings.Region.Name, settings.Capacity.PostgresSkus))
            .SelectMany(d => d.Demands.Select(x => x.Meter).Concat(d.Unpriced.Select(u => u.Meter).OfType<MeterQuery>()))
            .DistinctBy(m => m.Key)
            .OrderBy(m => m.Key, StringComparer.Ordinal)];

    public static async Task<PriceSheet> RunAsync(StackSettings settings, RetailPricesClient client, DateOnly today)
    {
        var currency = settings.Territory.Currency;
        var prices = new Dictionary<string, MeterPrice>(StringComparer.Ordinal);
        var missing = new List<MissingMeter>();
        foreach (var meter in MetersOf(settings))
        {
            var best = await BestAsync(meter).ConfigureAwait(false);
            if (best is null && meter.Fallback is { } fallback)
            {
                best = await BestAsync(fallback).ConfigureAwait(false);
            }
            if (best is ({ } r, var price))
            {
                prices[meter.Key] = new MeterPrice(meter.Key, price, meter.Unit, r.MeterName, r.MeterId, r.SkuName, r.ProductName,
                    r.EffectiveStartDate.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else
            {
                missing.Add(new MissingMeter(meter.Key, meter.Description, meter.Fallback is { } f ? $"{meter.Filter}, then {f.Filter}" : meter.Filter));
            }
        }
        async Task<(RetailPriceItem Row, decimal Price)?> BestAsync(MeterQuery meter)
        {
            var rows = await client.QueryAsync(currency, meter.Filter).ConfigureAwait(false);
            var best = rows
                .Where(r => r.Type == "Consumption" && r.ArmRegionName == meter.Region && r.UnitOfMeasure == meter.Unit && r.TierMinimumUnits == meter.TierMinimumUnits)
                .Select(r => (Row: r, Match: meter.Match(r)))
                .Where(x => x.Match is not null)
                .OrderBy(x => x.Match!.Value.Rank)
                .ThenByDescending(x => x.Row.EffectiveStartDate)
                .ThenBy(x => x.Row.MeterId, StringComparer.Ordinal)
                .FirstOrDefault();
            return best.Match is { } m ? (best.Row, m.Price) : null;
        }

        return new PriceSheet(settings.StackName, currency, PriceSource.RetailPricesApi, today,
            "retail pay-as-you-go prices; non-USD prices are Microsoft's reference conversion (Azure Retail Prices overview)",
            prices, missing);
    }
}
