using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Capacity.Tests;

/// <summary>A German-market profile written out by hand (the same numbers as Pulumi.de-prod.yaml).</summary>
internal static class TestInputs
{
    public static readonly WorkloadProfile Workload = new(
        new ApiWorkload(50, 0.2, 0.6, 8, new RouteSlos(2.0, 1.5, 2.0), new PodResources(1000, 1536), 6, 10),
        new WorkerWorkload(2, 1.5, 2, new PodResources(500, 1024), 40, 4),
        new DatabaseWorkload(0.003));

    public static readonly PostgresSku[] Skus =
    [
        new("Standard_B2s", PostgresTier.Burstable, 2, 4),
        new("Standard_D2ds_v5", PostgresTier.GeneralPurpose, 2, 8),
        new("Standard_D4ds_v5", PostgresTier.GeneralPurpose, 4, 16),
        new("Standard_D8ds_v5", PostgresTier.GeneralPurpose, 8, 32),
        new("Standard_D16ds_v5", PostgresTier.GeneralPurpose, 16, 64),
    ];

    public static CapacityInputs De() => new(
        Workload,
        new NodePoolSettings("Standard_D4ds_v5", 50, new PodResources(300, 600), "Standard_D2ds_v5", 3),
        new Dictionary<string, VmSize>
        {
            ["Standard_D2ds_v5"] = new("Standard_D2ds_v5", 2, 8),
            ["Standard_D4ds_v5"] = new("Standard_D4ds_v5", 4, 16),
        },
        Skus,
        SeasonCatalog.Default,
        ZoneCount: 3,
        BurstHeadroom: 1.5,
        LeadTimeDays: 14);
}
