using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Components.Plan;

/// <summary>
/// Collects a stack's plan. Components add themselves through a <see cref="ComponentScope"/>, which names children
/// <c>&lt;component&gt;-&lt;role&gt;</c>, parents them, and picks the stack's explicit provider for their package.
/// </summary>
public sealed class PlanBuilder(string stack, string territory, string season)
{
    private readonly List<PlannedProvider> _providers = [];
    private readonly List<PlannedComponent> _components = [];
    private readonly List<PlannedResource> _resources = [];
    private readonly List<DrMatrixRow> _drMatrix = [];
    private readonly Props _outputs = [];
    private readonly HashSet<string> _names = [];
    private readonly Dictionary<string, List<string>> _prerequisites = [];
    private readonly List<RetiredResource> _retired = [];

    public string Stack => stack;

    public void AddProvider(PlannedProvider provider)
    {
        Claim(provider.Name);
        _providers.Add(provider);
    }

    /// <summary>The explicit provider for a package; a resource of a package without one is a planning bug.</summary>
    public string ProviderFor(string package) =>
        _providers.FirstOrDefault(p => p.Package == package)?.Name
        ?? throw new InvalidOperationException($"no explicit {package} provider in the plan of {stack}: add it before its resources");

    /// <summary>
    /// Every resource of <paramref name="package"/> added from now on waits for <paramref name="prerequisite"/>, directly
    /// or through another resource of its package (e.g. the Kubernetes resources for the role that lets the deploying
    /// identity reach the cluster's data plane).
    /// </summary>
    public void RequireBefore(string package, PlannedResource prerequisite)
    {
        if (!_prerequisites.TryGetValue(package, out var list))
        {
            _prerequisites[package] = list = [];
        }
        list.Add(prerequisite.Name);
    }

    /// <summary>
    /// The prerequisites a new resource must name: none if it already waits for another resource of its package
    /// (which waits for them in turn), else the package's prerequisites.
    /// </summary>
    internal IReadOnlyList<string> PrerequisitesOf(string package, PlanMap inputs, IEnumerable<string> dependsOn)
    {
        var prerequisites = _prerequisites.GetValueOrDefault(package);
        if (prerequisites is null)
        {
            return [];
        }
        var waitsFor = inputs.Descendants().OfType<PlanRef>().Select(r => r.Resource).Concat(dependsOn);
        return waitsFor.Any(name => _resources.Any(r => r.Name == name && r.Package == package)) ? [] : prerequisites;
    }

    public ComponentScope Component(string type, string name, ComponentScope? parent = null)
    {
        if (!type.StartsWith("freshfoodz:", StringComparison.Ordinal) || type.Count(c => c == ':') != 2)
        {
            throw new ArgumentException($"component type '{type}' must look like freshfoodz:<area>:<Name>", nameof(type));
        }
        Claim(name);
        _components.Add(new PlannedComponent(type, name, parent?.Name));
        return new ComponentScope(this, name);
    }

    internal PlannedResource Add(PlannedResource resource)
    {
        // One canonical form, as the engine sees it: dependsOn sorted, without the resources an input already
        // references (Pulumi derives those dependencies from the inputs itself).
        var referenced = resource.Inputs.Descendants().OfType<PlanRef>().Select(r => r.Resource).ToHashSet(StringComparer.Ordinal);
        resource = resource with
        {
            Options = resource.Options with
            {
                DependsOn = [.. resource.Options.DependsOn.Where(d => !referenced.Contains(d)).Distinct().Order(StringComparer.Ordinal)],
            },
        };
        Claim(resource.Name);
        _resources.Add(resource);
        return resource;
    }

    /// <summary>The URN an element of <paramref name="type"/> named <paramref name="name"/> has under <paramref name="parent"/>.</summary>
    public string Urn(string? parent, string type, string name) =>
        Urns.Of(stack, Urns.TypeChain(_components.ToDictionary(c => c.Name, StringComparer.Ordinal), parent, type), name);

    /// <summary>Records that the resource with <paramref name="urn"/>, planned by earlier releases, is removed on purpose.</summary>
    public void Retire(string urn, string reason) => _retired.Add(new RetiredResource(urn, reason));

    public void AddDrRows(IEnumerable<DrMatrixRow> rows) => _drMatrix.AddRange(rows);

    public void Output(string name, PlanValue value) => _outputs[name] = value;

    public StackPlan Build() => PlanIntegrity.Check(new StackPlan(
        stack,
        territory,
        season,
        [.. _providers.OrderBy(p => p.Name, StringComparer.Ordinal)],
        [.. _components.OrderBy(c => c.Name, StringComparer.Ordinal)],
        [.. _resources.OrderBy(r => r.Name, StringComparer.Ordinal)],
        [.. _drMatrix],
        _outputs.Build())
    {
        Retired = [.. _retired.OrderBy(r => r.Urn, StringComparer.Ordinal)],
    });

    private void Claim(string name)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"two plan elements are named '{name}' in {stack}");
        }
    }
}

/// <summary>A component being planned: adds its children with derived names, parent and provider.</summary>
public sealed class ComponentScope
{
    private readonly PlanBuilder _builder;

    internal ComponentScope(PlanBuilder builder, string name)
    {
        _builder = builder;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Adds a resource named <c>{component}-{role}</c>, parented here, on the stack's provider for its package.</summary>
    public PlannedResource Resource(string type, string role, Props inputs, PlanOptions? options = null)
    {
        var package = type[..type.IndexOf(':')];
        var given = options ?? new PlanOptions();
        var built = inputs.Build();
        var resolved = given with
        {
            Parent = Name,
            Provider = _builder.ProviderFor(package),
            DependsOn = [.. given.DependsOn, .. _builder.PrerequisitesOf(package, built, given.DependsOn).Where(p => !given.DependsOn.Contains(p))],
        };
        return _builder.Add(new PlannedResource(type, $"{Name}-{role}", built, resolved));
    }

    /// <summary>
    /// The URN a resource of this component had under an earlier name: put it in <see cref="PlanOptions.Aliases"/> when a
    /// resource (or this component) is renamed, so Pulumi keeps the cloud resource.
    /// </summary>
    public string FormerUrn(string type, string formerName) => _builder.Urn(Name, type, formerName);

    /// <summary>
    /// Records that a resource this component planned in earlier releases (its type and full name) is removed on
    /// purpose, so <c>release-check</c> accepts its URN disappearing (<see cref="StackPlan.Retired"/>).
    /// </summary>
    public void Retire(string type, string formerName, string reason) => _builder.Retire(FormerUrn(type, formerName), reason);

    /// <summary>A child component named <c>{component}-{role}</c>.</summary>
    public ComponentScope Child(string type, string role) => _builder.Component(type, $"{Name}-{role}", this);
}
