using System.Collections;
using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks;

namespace FreshFoodz.Switching;

/// <summary>A stack output that cannot be read as the switch's recorded state (the message names the output and value).</summary>
public sealed class SwitchRecordException(string message) : Exception(message);

/// <summary>
/// Where a stack stands, as its last completed run recorded it in the stack output <see cref="OutputName"/>:
/// the groups that run applied (<see cref="Deployed"/>), the step it decided for the next run inside the low-traffic
/// window (<see cref="Next"/>; equal to Deployed when steady), and the step's number in the switch.
/// <para>The record is written only when every capacity-bearing resource of the run was applied (the output refers
/// to their ids), so a failed or interrupted run leaves the previous record and the next run applies the same
/// <see cref="Next"/> again: the cloud is always the deployed state, the next one, or a mix of the two, and every mix
/// of one step keeps each replica at least as large as its primary (<see cref="Stepper"/>).</para>
/// </summary>
public sealed record SwitchRecord(CapacityGroups Deployed, CapacityGroups Next, int Step, int Steps, string From)
{
    public const string OutputName = "seasonSwitch";

    /// <summary>The output the program wrote before the switch was recorded: the one season every group was planned for.</summary>
    public const string LegacyOutputName = "effectiveSeason";

    public bool Pending => Next != Deployed;

    public static SwitchRecord Steady(CapacityGroups at) => new(at, at, 0, 0, at.Label);

    /// <summary>
    /// The record in a stack's outputs: <see cref="OutputName"/>, or for a stack last deployed before it existed the
    /// <see cref="LegacyOutputName"/> season in every group; null when the stack has neither (never deployed).
    /// </summary>
    public static SwitchRecord? Read(IReadOnlyDictionary<string, object?> outputs)
    {
        if (outputs.TryGetValue(OutputName, out var value) && value is not null)
        {
            var map = Map(value, OutputName);
            // A key this program never writes: a newer program recorded the state, and what it meant is unknown here.
            if (map.Keys.FirstOrDefault(k => !Written.Contains(k)) is { } unknown)
            {
                throw new SwitchRecordException(
                    $"stack output {OutputName} has the key {Shown(unknown)}, which this program never writes (it writes {string.Join(", ", Written)}): "
                    + "a newer program recorded it; the run stops rather than guess, deploy with that program");
            }
            var record = new SwitchRecord(
                Groups(map, "deployed"),
                Groups(map, "next"),
                Count(map, "step"),
                Count(map, "steps"),
                StartedFrom(map));
            // The steps as a run counts them: a pending step is step 1 or later of at least as many.
            return !record.Pending || (record.Step >= 1 && record.Step <= record.Steps)
                ? record
                : throw new SwitchRecordException($"stack output {OutputName} records step {record.Step} of {record.Steps} of a pending switch; a pending step is from 1 to steps");
        }
        if (outputs.TryGetValue(LegacyOutputName, out var legacy) && legacy is not null)
        {
            return legacy is string name && SeasonNames.TryParse(name, out var season)
                ? Steady(CapacityGroups.All(season))
                : throw new SwitchRecordException($"stack output {LegacyOutputName} is {Shown(legacy)}, not a season (baseline, spargel, oktoberfest, weihnachten)");
        }
        return null;
    }

    /// <summary>The keys <see cref="SwitchPlanner"/> writes.</summary>
    private static readonly string[] Written = ["deployed", "next", "target", "season", "step", "steps", "window", "run", "appliedWith", "from"];

    /// <summary>Where the switch started: a season or the groups' label, as a run writes it (it reaches the engine log).</summary>
    private static string StartedFrom(Dictionary<string, object?> map)
    {
        if (!map.TryGetValue("from", out var from) || from is null)
        {
            return Groups(map, "deployed").Label;
        }
        try
        {
            return from is string text && text.Length <= 200 ? CapacityGroups.Parse(text).Label : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new SwitchRecordException($"stack output {OutputName}.from is {Shown(from)}, not a season or {CapacityGroups.Syntax}");
        }
    }

    private static CapacityGroups Groups(IReadOnlyDictionary<string, object?> map, string key)
    {
        var groups = Map(map.GetValueOrDefault(key), $"{OutputName}.{key}");
        Season At(CapacityGroup g)
        {
            var name = CapacityGroups.Name(g);
            var v = groups.GetValueOrDefault(name);
            return v is string text && SeasonNames.TryParse(text, out var s)
                ? s
                : throw new SwitchRecordException($"stack output {OutputName}.{key}.{name} is {Shown(v)}, not a season (baseline, spargel, oktoberfest, weihnachten)");
        }
        return new CapacityGroups(At(CapacityGroup.Apps), At(CapacityGroup.Primaries), At(CapacityGroup.Replicas));
    }

    private static int Count(IReadOnlyDictionary<string, object?> map, string key) => map.GetValueOrDefault(key) switch
    {
        double d when d is >= 0 and <= 10 && d == Math.Floor(d) => (int)d,
        int i when i is >= 0 and <= 10 => i,
        var v => throw new SwitchRecordException($"stack output {OutputName}.{key} is {Shown(v)}, not a step count from 0 to 10"),
    };

    /// <summary>A map as the engine hands stack outputs over (ImmutableDictionary of object), or refused.</summary>
    private static Dictionary<string, object?> Map(object? value, string path)
    {
        if (value is IDictionary dictionary)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in dictionary)
            {
                map[e.Key as string ?? throw new SwitchRecordException($"stack output {path} has a key that is not text")] = e.Value;
            }
            return map;
        }
        throw new SwitchRecordException($"stack output {path} is {Shown(value)}, not a map");
    }

    private static string Shown(object? value) => value switch
    {
        null => "missing",
        string s => FreshFoodz.Stacks.Settings.ValueText.Quote(s.Length > 40 ? s[..40] + "…" : s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => $"a {value.GetType().Name}",
    };
}
