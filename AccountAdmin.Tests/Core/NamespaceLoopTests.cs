using System.Reflection;
using System.Reflection.Emit;
using AccountAdmin.Core.Data;

namespace AccountAdmin.Tests.Core;

/// <summary>
/// Core is a folder per capability over a small shared kernel at its root: a capability may use the kernel and other
/// capabilities, but no two namespaces may depend on each other, directly or round a loop. Dependencies are read from
/// the compiled assembly (signatures and every method body's IL), so a fully qualified name can't slip past.
/// </summary>
public sealed class NamespaceLoopTests
{
    private static readonly Assembly Core = typeof(AccountAdminDbContext).Assembly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void NoCoreNamespace_DependsOnAnother_InALoop()
    {
        var edges = Dependencies();
        var loops = StronglyConnected(edges).Where(c => c.Count > 1).ToList();

        Assert.True(loops.Count == 0, string.Join("\n", loops.Select(loop =>
            "Namespaces in a loop: " + string.Join(", ", loop) + "\n" + string.Join("\n", edges
                .Where(e => loop.Contains(e.Key.From) && loop.Contains(e.Key.To))
                .Select(e => $"  {e.Key.From} → {e.Key.To} (for example {e.Value})")))));
    }

    [Fact]
    public void TheKernel_AtCoresRoot_DependsOnNoCapability()
    {
        var fromRoot = Dependencies().Where(e => e.Key.From == "AccountAdmin.Core").ToList();

        Assert.True(fromRoot.Count == 0, string.Join("\n", fromRoot.Select(e => $"{e.Key.To} (for example {e.Value})")));
    }

    [Fact]
    public void TheScanner_SeesADependencyMadeOnlyInAMethodBody()
    {
        var edges = Dependencies();

        // Permissions' AccessService reads the database in its bodies only through the context's fields and LINQ.
        Assert.Contains(("AccountAdmin.Core.Permissions", "AccountAdmin.Core.Data"), edges.Keys);
    }

    /// <summary>From-namespace → to-namespace, with one type pair that makes the edge.</summary>
    private static Dictionary<(string From, string To), string> Dependencies()
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in Core.GetTypes())
        {
            var from = NamespaceOf(type);
            foreach (var used in Used(type).SelectMany(Expand).Distinct())
            {
                if (used.Assembly == Core && NamespaceOf(used) is var to && to != from)
                {
                    edges.TryAdd((from, to), $"{Name(type)} uses {Name(used)}");
                }
            }
        }

        return edges;
    }

    private static string NamespaceOf(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Namespace ?? "";
    }

    private static string Name(Type type) => type.DeclaringType is { } outer ? $"{Name(outer)}+{type.Name}" : type.Name;

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Used(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }

        foreach (var attribute in type.GetCustomAttributesData())
        {
            yield return attribute.AttributeType;
        }

        foreach (var field in type.GetFields(Everything))
        {
            yield return field.FieldType;
        }

        foreach (var property in type.GetProperties(Everything))
        {
            yield return property.PropertyType;
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo { ReturnType: var returned })
            {
                yield return returned;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var used in InBody(method))
            {
                yield return used;
            }
        }
    }

    /// <summary>The types a method body names: its locals, and every type, method and field its instructions refer to.</summary>
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    switch (member)
                    {
                        case Type named:
                            yield return named;
                            break;
                        case MethodBase called:
                            yield return called.DeclaringType!;
                            foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                            {
                                yield return argument;
                            }

                            break;
                        case FieldInfo field:
                            yield return field.DeclaringType!;
                            yield return field.FieldType;
                            break;
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>Tarjan's strongly connected components: each loop of namespaces comes out as one component.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<(string From, string To), string> edges)
    {
        var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Order().ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string popped;
                do
                {
                    popped = stack.Pop();
                    component.Add(popped);
                }
                while (popped != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }
}
