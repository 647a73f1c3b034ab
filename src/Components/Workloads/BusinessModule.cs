using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Components.Workloads;

/// <summary>Which PriorityClass a deployment's pods get: event catering preempts standard and batch work.</summary>
public enum WorkloadPriority
{
    EventCatering,
    Standard,
    Batch,
}

/// <summary>A deployment an app team owns, and the share of its role's sized load it serves.</summary>
public sealed record ModuleDeployment(string Name, WorkloadRole Role, double Share, WorkloadPriority Priority);

/// <summary>A business module: one namespace, its DR tier, and the deployments its app team owns.</summary>
public sealed record BusinessModule(string Name, DrTier Tier, IReadOnlyList<ModuleDeployment> Deployments);
