using System.Text.Json.Nodes;
using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Reports;

/// <summary>
/// A stack's sizing for one date or season, with the season's plan priced (<see cref="Cost"/>), the year's cost and
/// what the season's plan leaves unpriced: what <c>capacity</c> prints.
/// </summary>
public sealed record CapacityReport(
    StackSettings Settings, DateOnly Date, CapacityPlan Plan, PlanCost Cost, CostProjection Year, PriceSheet Prices)
{
    public static CapacityReport Create(StackSettings settings, PriceSheet prices, DateOnly date)
    {
        var season = settings.EffectiveSeason(date);
        var cost = new StackCost(settings, prices);
        return new CapacityReport(
            settings, date, CapacityEngine.Size(settings.Capacity, season), cost.ForSeason(season), cost.ProjectYear(date.Year), prices)
        {
            Schedule = cost.ScheduleFor(season),
        };
    }

    /// <summary>The season's daily schedule (docs/capacity-model.md, Daily floor).</summary>
    public DailySchedule? Schedule { get; init; }

    public string SeasonSource => Settings.Season.IsAuto ? $"auto on {ToolDates.Show(Date)}" : "pinned";

    /// <summary>Stable JSON: fixed property order, seconds and ratios to 4 decimals, money to 2.</summary>
    public JsonObject ToJson()
    {
        var p = Plan;
        var d = p.App.Demand;
        return new JsonObject
        {
            ["stack"] = Settings.StackName,
            ["territory"] = Settings.Territory.Code,
            ["region"] = Settings.Region.Name,
            ["date"] = Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["season"] = p.Season.ConfigName(),
            ["seasonSource"] = Settings.Season.IsAuto ? "auto" : "pinned",
            ["loadMultiplier"] = p.LoadMultiplier,
            ["app"] = new JsonObject
            {
                ["arrivalRatePerSecond"] = R(d.ArrivalRatePerSecond),
                ["meanServiceTimeSeconds"] = R(d.MeanServiceTimeSeconds),
                ["serviceTimeDistribution"] = d.Distribution.ToString().ToLowerInvariant(),
                ["concurrencyPerPod"] = d.ConcurrencyPerPod,
                ["targetUtilization"] = R(d.TargetUtilization),
                ["sloP95Seconds"] = R(d.SloP95Seconds),
                ["littlesLawPods"] = p.App.LittlesLawPods,
                ["pods"] = p.App.Pods,
                ["utilization"] = R(p.App.Utilization),
                ["predictedP95Seconds"] = R(p.App.PredictedP95Seconds),
                ["seedFormulaPods"] = p.App.SeedFormulaPods,
                ["decidedBy"] = p.App.DecidedBy.ToString(),
                ["servableRequestsPerSecond"] = R(p.ServableRequestsPerSecond),
                ["hpa"] = new JsonObject { ["minReplicas"] = p.Hpa.MinReplicas, ["maxReplicas"] = p.Hpa.MaxReplicas },
            },
            ["workers"] = new JsonObject
            {
                ["jobsPerSecond"] = R(p.Workers.JobsPerSecond),
                ["targetUtilization"] = R(p.Workers.TargetUtilization),
                ["count"] = p.Workers.Count,
                ["utilization"] = R(p.Workers.Utilization),
                ["decidedBy"] = p.Workers.DecidedBy.ToString(),
            },
            ["database"] = new JsonObject
            {
                ["sku"] = p.Database.Sku.Name,
                ["tier"] = p.Database.Sku.Tier.ToString(),
                ["vCores"] = p.Database.Sku.VCores,
                ["vCoresNeeded"] = R(p.Database.VCoresNeeded),
                ["connections"] = p.Database.Connections,
                ["connectionsAtMaxReplicas"] = p.Database.ConnectionsAtMaxReplicas,
                ["pgBouncerMaxClientConnections"] = PgBouncer.MaxClientConnections,
                ["busyServerConnections"] = R(p.Database.BusyServerConnections),
                ["serverConnections"] = p.Database.ServerConnections,
                ["usableMaxConnections"] = p.Database.Sku.UsableConnections,
            },
            ["nodes"] = new JsonObject
            {
                ["vmSize"] = p.Nodes.VmSize,
                ["count"] = p.Nodes.Count,
                ["autoscalerMin"] = p.Nodes.AutoscalerMin,
                ["autoscalerMax"] = p.Nodes.AutoscalerMax,
                ["allocatableCpuMillicores"] = p.Nodes.PerNode.CpuMillicores,
                ["allocatableMemoryMiB"] = p.Nodes.PerNode.MemoryMiB,
            },
            ["dailySchedule"] = Schedule is not { } sc ? null : new JsonObject
            {
                ["timeZone"] = Settings.Territory.TimeZone,
                ["loadCurve"] = sc.Curve.Source,
                ["windowStart"] = sc.HasWindow ? Clock(sc.StartSecond) : null,
                ["windowEnd"] = sc.HasWindow ? Clock(sc.EndSecond) : null,
                ["businessNodes"] = sc.BusinessNodes,
                ["offHoursNodes"] = sc.OffHoursNodes,
                ["businessNodeHours"] = R(sc.BusinessNodeHours),
                ["offHoursMinReplicas"] = new JsonObject([.. sc.Deployments.Select(x => KeyValuePair.Create(x.Name, (JsonNode?)JsonValue.Create(x.OffHoursMinReplicas)))]),
            },
            ["deployments"] = new JsonArray([.. p.Deployments.Select(x => (JsonNode)new JsonObject
            {
                ["module"] = x.Module,
                ["name"] = x.Name,
                ["role"] = x.Role.ToString().ToLowerInvariant(),
                ["minReplicas"] = x.MinReplicas,
                ["maxReplicas"] = x.MaxReplicas,
            })]),
            ["cost"] = new JsonObject
            {
                ["currency"] = Cost.Currency,
                ["prices"] = Prices.Source == PriceSource.RetailPricesApi ? "retail-prices-api" : "not-from-api",
                ["pricesRetrieved"] = Prices.Retrieved?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["monthly"] = M(Cost.Monthly),
                ["monthlyByGroup"] = new JsonObject([.. Cost.ByGroup.Select(g => KeyValuePair.Create(g.Group, (JsonNode?)JsonValue.Create(M(g.Monthly))))]),
                ["year"] = Year.Year,
                ["yearly"] = M(Year.Yearly),
                ["yearlyStaticPeak"] = M(Year.YearlyStaticPeak),
                ["yearlySaving"] = M(Year.Saving),
                ["unpriced"] = new JsonArray([.. Cost.Unpriced.Select(u => (JsonNode)new JsonObject
                {
                    ["resource"] = u.Resource,
                    ["item"] = u.Type,
                    ["reason"] = u.Reason,
                })]),
            },
        };
    }

    private static string Clock(int second) => $"{second / 3600:00}:{second % 3600 / 60:00}";

    private static double R(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static decimal M(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
