using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using FreshFoodz.Components.Plan;
using Pulumi;

namespace FreshFoodz.PulumiProgram;

/// <summary>What was registered for one planned element, kept so tests can compare it with the plan.</summary>
internal sealed record Registration(string Name, Resource Resource, ResourceOptions Options, ImmutableDictionary<string, object?> Args);

/// <summary>
/// Registers a plan with the Pulumi engine, mechanically: each provider as a ProviderResource, each component as a
/// ComponentResource, each resource as a CustomResource with DictionaryResourceArgs; parents, providers, dependsOn,
/// protect, retainOnDelete, ignoreChanges, additionalSecretOutputs, aliases, customTimeouts, deleteBeforeReplace and
/// replaceOnChanges carried over; every resource and provider pinned
/// to its plugin version (no typed SDK supplies it). References become the referenced resource's outputs, secrets
/// secret outputs. Elements are created in dependency order so every reference exists when it is needed. A planned
/// stack reference is the one the program read before it planned (<paramref name="references"/>), checked against the
/// plan: it is registered once.
/// </summary>
internal sealed class PlanRegistrar(StackPlan plan, ISecretConfig secrets, IReadOnlyDictionary<string, StackReference>? references = null)
{
    private readonly Dictionary<string, Resource> _created = new(StringComparer.Ordinal);

    public List<Registration> Registrations { get; } = [];

    public IDictionary<string, object?> Register()
    {
        PlanIntegrity.Check(plan);
        foreach (var planned in plan.StackReferences)
        {
            var reference = references?.GetValueOrDefault(planned.Name)
                ?? throw new InvalidOperationException($"the plan reads stack '{planned.Stack}' as '{planned.Name}', which the program did not reference");
            Add(planned.Name, reference, new CustomResourceOptions(), ImmutableDictionary<string, object?>.Empty.Add("name", planned.Stack));
        }
        foreach (var component in plan.Components.OrderBy(c => Depth(c.Name)).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var options = new ComponentResourceOptions { Parent = component.Parent is null ? null : _created[component.Parent] };
            Add(component.Name, new PlannedComponentResource(component.Type, component.Name, options), options, ImmutableDictionary<string, object?>.Empty);
        }
        foreach (var name in DependencyOrder())
        {
            if (plan.Providers.FirstOrDefault(p => p.Name == name) is { } provider)
            {
                RegisterProvider(provider);
            }
            else
            {
                RegisterResource(plan.Resource(name));
            }
        }
        return plan.Outputs.Entries.ToDictionary(e => e.Key, e => Value(e.Value));
    }

    private void RegisterProvider(PlannedProvider provider)
    {
        // Typed SDKs send non-string provider inputs as JSON text; a dictionary must do the same (provider facts).
        var args = provider.Inputs.Entries.ToImmutableDictionary(e => e.Key, e => e.Value switch
        {
            PlanString s => s.Value,
            PlanBool or PlanInt or PlanDouble or PlanList or PlanMap => JsonSerializer.Serialize(PlanJson.Value(e.Value)),
            _ => Value(e.Value),
        });
        var options = new CustomResourceOptions { Version = provider.Version };
        Add(provider.Name, new ProviderResource(provider.Package, provider.Name, new DictionaryResourceArgs(args), options), options, args);
    }

    private void RegisterResource(PlannedResource r)
    {
        var args = r.Inputs.Entries.ToImmutableDictionary(e => e.Key, e => Value(e.Value));
        var options = new CustomResourceOptions
        {
            Parent = r.Options.Parent is null ? null : _created[r.Options.Parent],
            Provider = r.Options.Provider is null ? null : (ProviderResource)_created[r.Options.Provider],
            DependsOn = new InputList<Resource> { r.Options.DependsOn.Select(d => (Input<Resource>)_created[d]).ToArray() },
            Protect = r.Options.Protect,
            RetainOnDelete = r.Options.RetainOnDelete,
            IgnoreChanges = [.. r.Options.IgnoreChanges],
            AdditionalSecretOutputs = [.. r.Options.AdditionalSecretOutputs],
            // A previous URN in full: the SDK sends it as the alias's urn, unchanged (Deployment_Prepare.cs, PrepareAliases).
            Aliases = [.. r.Options.Aliases.Select(urn => (Input<Alias>)new Alias { Urn = urn })],
            CustomTimeouts = r.Options.CustomTimeouts is { } t ? new CustomTimeouts { Create = t.Create, Update = t.Update, Delete = t.Delete } : null,
            // Only ever true: an explicit false would still be sent as "defined" and override the provider's choice.
            DeleteBeforeReplace = r.Options.DeleteBeforeReplace ? true : null,
            ReplaceOnChanges = [.. r.Options.ReplaceOnChanges],
            Version = ProviderVersions.For(r.Package),
        };
        Add(r.Name, new PlannedCustomResource(r.Type, r.Name, new DictionaryResourceArgs(args), options), options, args);
    }

    private void Add(string name, Resource resource, ResourceOptions options, ImmutableDictionary<string, object?> args)
    {
        _created[name] = resource;
        Registrations.Add(new Registration(name, resource, options, args));
    }

    /// <summary>A plan value as DictionaryResourceArgs takes it: string, int, double, bool, ImmutableArray,
    /// ImmutableDictionary, or an Output for deferred values.</summary>
    private object? Value(PlanValue value) => value switch
    {
        PlanString s => s.Value,
        PlanInt i => i.Value,
        PlanDouble d => d.Value,
        PlanBool b => b.Value,
        PlanList l => l.Items.Select(Value).ToImmutableArray(),
        PlanMap m => m.Entries.ToImmutableDictionary(e => e.Key, e => Value(e.Value)),
        PlanRef r => Reference(r),
        PlanSecret s => Output.CreateSecret(Deferred(s.Value)),
        PlanConfigSecret c => secrets.Require(c.Key),
        PlanInvoke i => Invoke(i),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name),
    };

    private Output<string> Deferred(PlanValue value) => Value(value) as Output<string>
        ?? throw new InvalidOperationException("a plan secret must wrap a reference, secret config or invoke result");

    private Output<string> Reference(PlanRef r) => _created[r.Resource] switch
    {
        PlannedCustomResource c => c.OutputNamed(r.Output),
        CustomResource c when r.Output == "id" => c.Id,
        _ => throw new InvalidOperationException($"'{r.Resource}' has no output '{r.Output}'"),
    };

    /// <summary>A provider function's result at the plan's path (<c>kubeconfigs[0].value</c>), base64-decoded if asked,
    /// run on the provider the plan names.</summary>
    private Output<string> Invoke(PlanInvoke invoke)
    {
        var provider = plan.Providers.Single(p => p.Name == invoke.Provider);
        var args = invoke.Args.Entries.ToImmutableDictionary(e => e.Key, e => Value(e.Value));
        var result = Deployment.Instance.Invoke<ImmutableDictionary<string, object>>(
            invoke.Token,
            new DictionaryInvokeArgs(args),
            new InvokeOptions { Provider = (ProviderResource)_created[provider.Name], Version = provider.Version });
        return result.Apply(r =>
        {
            var text = ResultPath.Read(r, invoke.ResultPath);
            return invoke.Base64Decode ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text;
        });
    }

    private int Depth(string component) =>
        plan.Components.First(c => c.Name == component).Parent is { } parent ? 1 + Depth(parent) : 0;

    /// <summary>Providers and resources ordered so that everything an element references is created before it.</summary>
    private List<string> DependencyOrder()
    {
        var inputs = plan.Resources.Select(r => (r.Name, Values: (PlanValue)r.Inputs, r.Options.DependsOn.AsEnumerable(), (string?)r.Options.Provider))
            .Concat(plan.Providers.Select(p => (p.Name, Values: (PlanValue)p.Inputs, Enumerable.Empty<string>(), (string?)null)))
            .ToDictionary(x => x.Name, x => x.Values.Descendants().OfType<PlanRef>().Select(r => r.Resource)
                .Concat(x.Item3).Concat(x.Item4 is null ? [] : [x.Item4])
                .Where(d => !plan.Components.Any(c => c.Name == d)).Distinct().ToList());
        var order = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        void Visit(string name)
        {
            if (state.TryGetValue(name, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"the plan has a reference cycle through '{name}'");
                }
                return;
            }
            state[name] = false;
            foreach (var dependency in inputs[name])
            {
                Visit(dependency);
            }
            state[name] = true;
            order.Add(name);
        }
        foreach (var name in inputs.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name);
        }
        return order;
    }
}

/// <summary>Reads a value at a path like <c>kubeconfigs[0].value</c> from an invoke's result.</summary>
internal static class ResultPath
{
    public static string Read(object root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            var name = part;
            int? index = null;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            }
            current = current is IReadOnlyDictionary<string, object> map && map.TryGetValue(name, out var next)
                ? next
                : throw new InvalidOperationException($"the invoke result has no '{name}' (path {path})");
            if (index is { } i)
            {
                current = current is System.Collections.IList list && i < list.Count
                    ? list[i]!
                    : throw new InvalidOperationException($"the invoke result's '{name}' has no item {i} (path {path})");
            }
        }
        return current as string ?? throw new InvalidOperationException($"the invoke result at {path} is not text");
    }
}
