using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FreshFoodz.Monitoring.Documents;

/// <summary>
/// Writes a <see cref="Node"/> tree as one YAML document with YamlDotNet's emitter: block style, two-space indent,
/// strings that YAML would read as something else (numbers, booleans, null) quoted, multi-line or marked strings as
/// literal blocks. The optional header becomes the first line as a comment.
/// </summary>
public static partial class YamlText
{
    public static string Write(Node root, string? header = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        if (header is not null)
        {
            writer.Write($"# {header}\n");
        }
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, true, true, "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, Node node)
    {
        switch (node)
        {
            case MapNode map:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (key, value) in map)
                {
                    Text(emitter, key, block: false);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case ListNode list:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    Emit(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case TextNode text:
                Text(emitter, text.Value, text.Block);
                break;
            case IntNode i:
                Plain(emitter, i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case NumberNode n:
                Plain(emitter, Number(n.Value));
                break;
            case BoolNode b:
                Plain(emitter, b.Value ? "true" : "false");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name);
        }
    }

    /// <summary>Shortest round-trip text in the invariant culture.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(null, null, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    private static void Text(IEmitter emitter, string text, bool block)
    {
        if (block || text.Contains('\n', StringComparison.Ordinal))
        {
            emitter.Emit(new Scalar(null, null, text, ScalarStyle.Literal, isPlainImplicit: false, isQuotedImplicit: true));
        }
        else if (ReadsAsNonString(text))
        {
            emitter.Emit(new Scalar(null, null, text, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true));
        }
        else
        {
            // The emitter picks plain where YAML allows it, quotes otherwise.
            emitter.Emit(new Scalar(null, null, text, ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: true));
        }
    }

    /// <summary>Plain scalars YAML 1.1 or 1.2 resolves to null, booleans or numbers.</summary>
    private static bool ReadsAsNonString(string text) =>
        text.Length == 0
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || NonStringPattern().IsMatch(text);

    [GeneratedRegex(@"\A(~|null|true|false|yes|no|on|off|y|n|[-+]?\.inf|\.nan|0x[0-9a-f_]+|0o?[0-7_]+|[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[0-9]+(:[0-5]?[0-9])+)\z", RegexOptions.IgnoreCase)]
    private static partial Regex NonStringPattern();
}
