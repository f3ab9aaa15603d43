using System.Reflection;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>
/// A real store that, from its Nth prediction write on, never answers: what a log sees of a process killed in the
/// middle of a write (nothing after that commits).
/// </summary>
public class StoreThatDies : StoreProxy
{
    private int _writesLeft;

    public static IPredictionStore After(int writes, IPredictionStore store)
    {
        var (proxy, dies) = Wrap<StoreThatDies>(store);
        dies._writesLeft = writes;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IPredictionStore.InsertPredictionsAsync) && Interlocked.Decrement(ref _writesLeft) < 0)
            return new TaskCompletionSource().Task;
        return Forward(targetMethod, args);
    }
}
