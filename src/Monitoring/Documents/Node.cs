using System.Collections;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Monitoring.Documents;

/// <summary>
/// An ordered document tree: what the generators build once and write as YAML (rule files, promtool tests,
/// Alertmanager configuration) or hand to the plan as inputs. Maps keep insertion order so files read naturally.
/// </summary>
public abstract class Node
{
    public static implicit operator Node(string value) => new TextNode(value);

    public static implicit operator Node(int value) => new IntNode(value);

    public static implicit operator Node(double value) => new NumberNode(value);

    public static implicit operator Node(bool value) => new BoolNode(value);

    public static ListNode List(params IEnumerable<Node> items) => new([.. items]);

    /// <summary>The same value as a plan input (maps there are sorted by key, which changes nothing in YAML or JSON).</summary>
    public abstract PlanValue ToPlanValue();
}

/// <summary>A string; a block one is written as a YAML literal block (PromQL expressions).</summary>
public sealed class TextNode(string value, bool block = false) : Node
{
    public string Value { get; } = value;

    public bool Block { get; } = block;

    public override PlanValue ToPlanValue() => new PlanString(Value);
}

public sealed class IntNode(int value) : Node
{
    public int Value { get; } = value;

    public override PlanValue ToPlanValue() => new PlanInt(Value);
}

public sealed class NumberNode(double value) : Node
{
    public double Value { get; } = value;

    public override PlanValue ToPlanValue() => new PlanDouble(Value);
}

public sealed class BoolNode(bool value) : Node
{
    public bool Value { get; } = value;

    public override PlanValue ToPlanValue() => new PlanBool(Value);
}

public sealed class ListNode(IReadOnlyList<Node> items) : Node
{
    public IReadOnlyList<Node> Items { get; } = items;

    public override PlanValue ToPlanValue() => new PlanList([.. Items.Select(i => i.ToPlanValue())]);
}

/// <summary>A mapping in insertion order; <c>new MapNode { ["key"] = value }</c>. Null values are left out.</summary>
public sealed class MapNode : Node, IEnumerable<KeyValuePair<string, Node>>
{
    private readonly List<KeyValuePair<string, Node>> _entries = [];

    public Node? this[string key]
    {
        get => _entries.FirstOrDefault(e => e.Key == key).Value;
        set
        {
            var index = _entries.FindIndex(e => e.Key == key);
            if (value is null)
            {
                if (index >= 0)
                {
                    _entries.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                _entries[index] = KeyValuePair.Create(key, value);
            }
            else
            {
                _entries.Add(KeyValuePair.Create(key, value));
            }
        }
    }

    public int Count => _entries.Count;

    public static MapNode From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var map = new MapNode();
        foreach (var (k, v) in entries)
        {
            map[k] = v;
        }
        return map;
    }

    public override PlanValue ToPlanValue()
    {
        var props = new Props();
        foreach (var (k, v) in _entries)
        {
            props[k] = v.ToPlanValue();
        }
        return props.Build();
    }

    public IEnumerator<KeyValuePair<string, Node>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
