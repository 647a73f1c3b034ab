using System.Reflection;
using System.Runtime.CompilerServices;

namespace FreshFoodz.StandIn.Tests;

/// <summary>
/// The Pulumi SDK stand-in as the guard tests see it: its assembly, the types its source declares, and every member
/// with a body that could hold behaviour.
/// </summary>
internal static class StandInAssembly
{
    internal const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic
        | BindingFlags.Instance | BindingFlags.Static;

    public static Assembly Assembly { get; } = typeof(Pulumi.Config).Assembly;

    /// <summary>The message every member throws with, as the stand-in declares it (Pulumi.StandIn.Message).</summary>
    public static string Message { get; } =
        (string)Assembly.GetType("Pulumi.StandIn", throwOnError: true)!
            .GetField("Message", BindingFlags.NonPublic | BindingFlags.Static)!
            .GetRawConstantValue()!;

    /// <summary>
    /// Every type of the assembly except the attribute types the compiler embeds in it (NullableAttribute and the
    /// like, marked [Embedded]); compiler-generated closure or state-machine types are included, so a lambda or an
    /// async method in the stand-in shows up here.
    /// </summary>
    public static IReadOnlyList<Type> Types { get; } = Assembly.GetTypes()
        .Where(t => !t.CustomAttributes.Any(a => a.AttributeType.FullName == "Microsoft.CodeAnalysis.EmbeddedAttribute"))
        .ToList();

    /// <summary>
    /// Every constructor, type initializer and method (accessors and operators included) with a body, of any
    /// accessibility, keyed by a readable name. Abstract members have no body and are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, MethodBase> MembersWithBodies { get; } = CollectMembers();

    private static Dictionary<string, MethodBase> CollectMembers()
    {
        var members = new Dictionary<string, MethodBase>(StringComparer.Ordinal);
        foreach (var type in Types)
        {
            var bodies = type.GetConstructors(Declared).Cast<MethodBase>()
                .Concat(type.GetMethods(Declared))
                .Where(m => !m.IsAbstract);
            if (type.TypeInitializer is { } initializer)
            {
                bodies = bodies.Append(initializer);
            }

            foreach (var member in bodies.Distinct())
            {
                var key = Key(type, member);
                if (!members.TryAdd(key, member))
                {
                    throw new InvalidOperationException($"Two members share the key {key}.");
                }
            }
        }

        return members;
    }

    private static string Key(Type type, MethodBase member)
    {
        var arity = member.IsGenericMethodDefinition ? $"`{member.GetGenericArguments().Length}" : "";
        var parameters = string.Join(", ", member.GetParameters().Select(p => p.ParameterType.ToString()));
        return $"{type.FullName}::{member.Name}{arity}({parameters})";
    }

    /// <summary>
    /// Runs a member the way a caller would, with default arguments: a constructor on a new object (or, for an
    /// abstract type, on an uninitialized object of a concrete type derived from it), a type initializer through the
    /// runtime, a method on an uninitialized object of a concrete type (or with no object if static). Generic types
    /// and methods are closed over <see cref="object"/>. Returns the exception the member (or its type initializer)
    /// threw, with the reflection and type-initialization wrappers removed, or null if it returned normally.
    /// </summary>
    public static Exception? Run(MethodBase member)
    {
        try
        {
            switch (member)
            {
                case ConstructorInfo { IsStatic: true } initializer:
                    RuntimeHelpers.RunClassConstructor(initializer.DeclaringType!.TypeHandle);
                    break;
                case ConstructorInfo ctor:
                    var closedCtor = (ConstructorInfo)Close(ctor);
                    if (closedCtor.DeclaringType!.IsAbstract)
                    {
                        closedCtor.Invoke(UninitializedInstanceOf(closedCtor.DeclaringType), DefaultArguments(closedCtor));
                    }
                    else
                    {
                        closedCtor.Invoke(DefaultArguments(closedCtor));
                    }

                    break;
                case MethodInfo method:
                    var closed = (MethodInfo)Close(method);
                    var target = closed.IsStatic ? null : UninitializedInstanceOf(closed.DeclaringType!);
                    closed.Invoke(target, DefaultArguments(closed));
                    break;
                default:
                    throw new InvalidOperationException($"Cannot run {member}.");
            }

            return null;
        }
        catch (Exception exception)
        {
            return Unwrap(exception);
        }
    }

    public static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException or TypeInitializationException && exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }

    private static MethodBase Close(MethodBase member)
    {
        var type = member.DeclaringType!;
        if (type.IsGenericTypeDefinition)
        {
            var closedType = type.MakeGenericType(ObjectsFor(type.GetGenericArguments()));
            member = (MethodBase)closedType.GetMemberWithSameMetadataDefinitionAs(member);
        }

        return member is MethodInfo { IsGenericMethodDefinition: true } method
            ? method.MakeGenericMethod(ObjectsFor(method.GetGenericArguments()))
            : member;
    }

    private static Type[] ObjectsFor(Type[] parameters)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.GetGenericParameterConstraints().Length > 0
                || parameter.GenericParameterAttributes != GenericParameterAttributes.None)
            {
                throw new InvalidOperationException(
                    $"Type parameter {parameter} has constraints; teach the guard test which type satisfies them.");
            }
        }

        return parameters.Select(_ => typeof(object)).ToArray();
    }

    private static object UninitializedInstanceOf(Type type)
    {
        var concrete = !type.IsAbstract && !type.IsInterface
            ? type
            : Types
                .Where(t => !t.IsAbstract && !t.IsInterface)
                .Select(t => t.IsGenericTypeDefinition ? t.MakeGenericType(ObjectsFor(t.GetGenericArguments())) : t)
                .FirstOrDefault(type.IsAssignableFrom)
            ?? throw new InvalidOperationException($"No concrete type in the stand-in derives from {type}.");
        return RuntimeHelpers.GetUninitializedObject(concrete);
    }

    private static object?[] DefaultArguments(MethodBase member)
        => member.GetParameters()
            .Select(p => p.HasDefaultValue ? p.DefaultValue
                : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType)
                : null)
            .ToArray();
}
