using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace FreshFoodz.Tools.StandInApiDump;

/// <summary>
/// Renders the public API of an assembly as lines in the format of Roslyn's PublicAPI.Shipped.txt: one line for each
/// visible type and one for each visible (public or protected) constructor, method, operator, property accessor and
/// field. Without <c>nullable</c> it writes no nullable annotations for reference types, as the analyzer version that
/// pulumi-dotnet v3.112.1 uses does; with it, it writes them (for reviewing the stand-in against the real source).
/// </summary>
public sealed class ApiFormatter
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic
        | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(decimal)] = "decimal",
        [typeof(double)] = "double",
        [typeof(float)] = "float",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(void)] = "void",
    };

    private readonly bool _nullable;

    public ApiFormatter(bool nullable) => _nullable = nullable;

    public IReadOnlyList<string> Format(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetTypes().Where(IsVisible))
        {
            lines.Add(DeclaredName(type));
            AddMembers(type, lines);
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static bool IsVisible(Type type)
        => type.IsNested
            ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!)
            : type.IsPublic;

    private static bool IsVisible(MethodBase? method)
        => method is not null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private void AddMembers(Type type, List<string> lines)
    {
        var owner = DeclaredName(type);

        foreach (var ctor in type.GetConstructors(Declared).Where(c => !c.IsStatic && IsVisible(c)))
        {
            lines.Add($"{owner}.{SimpleName(type)}({Parameters(ctor)}) -> void");
        }

        foreach (var method in type.GetMethods(Declared).Where(IsVisible))
        {
            if (method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal))
            {
                continue; // property and event accessors are written with their property or event
            }

            lines.Add(MethodLine(type, owner, method));
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var index = property.GetIndexParameters();
            var name = index.Length == 0 ? property.Name : $"this[{string.Join(", ", index.Select(Parameter))}]";
            if (IsVisible(property.GetMethod))
            {
                var getter = property.GetMethod!;
                var typeName = TypeRef(property.PropertyType, Flags(property, type), TupleNames(property));
                lines.Add($"{Modifiers(type, getter)}{owner}.{name}.get -> {typeName}");
            }

            if (IsVisible(property.SetMethod))
            {
                var setter = property.SetMethod!;
                var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                lines.Add($"{Modifiers(type, setter)}{owner}.{name}.{(isInit ? "init" : "set")} -> void");
            }
        }

        foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            var modifiers = field.IsLiteral ? "const "
                : field.IsStatic ? (field.IsInitOnly ? "static readonly " : "static ")
                : field.IsInitOnly ? "readonly " : "";
            var typeName = TypeRef(field.FieldType, Flags(field, type), TupleNames(field));
            var value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue(), field.FieldType) : "";
            lines.Add($"{modifiers}{owner}.{field.Name}{value} -> {typeName}");
        }

        if (type.GetEvents(Declared).Any(e => IsVisible(e.AddMethod)))
        {
            throw new NotSupportedException($"{owner} declares a visible event; this tool does not render events.");
        }
    }

    private string MethodLine(Type type, string owner, MethodInfo method)
    {
        var flags = Flags(method.ReturnParameter, method);
        var returns = TypeRef(method.ReturnType, flags, TupleNames(method.ReturnParameter));
        var name = method.Name switch
        {
            "op_Implicit" => "implicit operator " + returns,
            "op_Explicit" => "explicit operator " + returns,
            _ when method.IsSpecialName => throw new NotSupportedException($"{owner}.{method.Name} is not rendered."),
            _ => method.Name,
        };
        var typeParameters = method.IsGenericMethodDefinition
            ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>"
            : "";
        return $"{Modifiers(type, method)}{owner}.{name}{typeParameters}({Parameters(method)}) -> {returns}";
    }

    private static string Modifiers(Type type, MethodInfo method)
    {
        if (method.IsStatic)
        {
            return "static ";
        }

        if (type.IsInterface || !method.IsVirtual)
        {
            return "";
        }

        var overrides = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        return (method.IsAbstract, overrides, method.IsFinal) switch
        {
            (true, _, _) => "abstract ",
            (false, true, true) => "sealed override ",
            (false, true, false) => "override ",
            (false, false, false) => "virtual ",
            // An implicit interface implementation: virtual and final in metadata, but plain in C#.
            (false, false, true) => "",
        };
    }

    private string Parameters(MethodBase method)
    {
        var isExtension = method.IsDefined(typeof(ExtensionAttribute), inherit: false);
        return string.Join(", ", method.GetParameters().Select((p, i) => (i == 0 && isExtension ? "this " : "") + Parameter(p)));
    }

    private string Parameter(ParameterInfo parameter)
    {
        var prefix = parameter.IsDefined(typeof(ParamArrayAttribute), inherit: false) ? "params " : "";
        var type = parameter.ParameterType;
        if (type.IsByRef)
        {
            prefix += parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
            type = type.GetElementType()!;
        }

        var flags = Flags(parameter, parameter.Member);
        var text = $"{prefix}{TypeRef(type, flags, TupleNames(parameter))} {parameter.Name}";
        return parameter.HasDefaultValue ? $"{text} = {Literal(parameter.DefaultValue, type)}" : text;
    }

    private static string Literal(object? value, Type type) => value switch
    {
        null when type.IsValueType && Nullable.GetUnderlyingType(type) is null => "default",
        null => "null",
        bool b => b ? "true" : "false",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"No rendering for the default value {value} of {type}."),
    };

    /// <summary>The declared form of a type's name: namespace, enclosing types, own name, type parameters.</summary>
    private static string DeclaredName(Type type)
    {
        var outer = type.IsNested ? DeclaredName(type.DeclaringType!) : type.Namespace;
        var outerArity = type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0;
        var own = type.GetGenericArguments().Skip(outerArity).Select(a => a.Name).ToList();
        var name = SimpleName(type) + (own.Count > 0 ? $"<{string.Join(", ", own)}>" : "");
        return string.IsNullOrEmpty(outer) ? name : $"{outer}.{name}";
    }

    private static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    private static Queue<string?> TupleNames(ICustomAttributeProvider provider)
    {
        var attribute = provider switch
        {
            MemberInfo member => member.CustomAttributes,
            ParameterInfo parameter => parameter.CustomAttributes,
            _ => [],
        };
        var names = attribute.FirstOrDefault(a => a.AttributeType == typeof(TupleElementNamesAttribute));
        if (names is null)
        {
            return new Queue<string?>();
        }

        var values = (IEnumerable<CustomAttributeTypedArgument>)names.ConstructorArguments[0].Value!;
        return new Queue<string?>(values.Select(v => (string?)v.Value));
    }

    /// <summary>
    /// A type as written where it is used. Tuple element names come from <paramref name="tupleNames"/> in the order the
    /// compiler encodes them (depth first, a tuple's own names before those of its elements).
    /// </summary>
    private static string TypeRef(Type type, NullableFlags? flags, Queue<string?> tupleNames)
    {
        // The compiler writes one flag for every type in this walk's order (a type, then its element or arguments);
        // only those of reference types and type parameters carry meaning.
        var flag = flags?.Next();
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeRef(underlying, flags, tupleNames) + "?";
        }

        var mark = !type.IsValueType && flag == NullableFlags.Annotated ? "?" : "";
        if (type.IsArray)
        {
            return TypeRef(type.GetElementType()!, flags, tupleNames) + "[]" + mark;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + mark;
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + mark;
        }

        if (!type.IsGenericType)
        {
            return type.FullName!.Replace('+', '.') + mark;
        }

        var arguments = type.GetGenericArguments();
        var isTuple = type.Namespace == "System" && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal);
        if (isTuple && arguments.Length > 7)
        {
            throw new NotSupportedException("Tuples of more than seven elements are not rendered.");
        }

        var names = isTuple ? arguments.Select(_ => tupleNames.Count > 0 ? tupleNames.Dequeue() : null).ToList() : null;
        var rendered = arguments.Select(a => TypeRef(a, flags, tupleNames)).ToList();
        if (isTuple)
        {
            return "(" + string.Join(", ", rendered.Select((r, i) => names![i] is { } n ? $"{r} {n}" : r)) + ")";
        }

        return $"{PlainName(type)}<{string.Join(", ", rendered)}>{mark}";
    }

    /// <summary>The nullable flags the compiler wrote for one parameter, return value, property or field.</summary>
    private NullableFlags? Flags(ICustomAttributeProvider target, MemberInfo context)
        => _nullable ? NullableFlags.For(target, context) : null;

    /// <summary>Namespace, enclosing types and own name, without type parameters.</summary>
    private static string PlainName(Type type)
        => (type.IsNested ? PlainName(type.DeclaringType!) : type.Namespace) is { Length: > 0 } outer
            ? $"{outer}.{SimpleName(type)}"
            : SimpleName(type);
}
