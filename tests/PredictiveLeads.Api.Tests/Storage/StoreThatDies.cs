using System.Reflection;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>
/// A real store that, from its Nth prediction write on, never answers: what a log sees of a process killed in the
/// middle of a write (nothing after that commits).
/// </summary>
public class StoreThatDies : DispatchProxy
{
    private IPredictionStore _store = null!;
    private int _writesLeft;

    public static IPredictionStore After(int writes, IPredictionStore store)
    {
        var proxy = Create<IPredictionStore, StoreThatDies>();
        var dies = (StoreThatDies)(object)proxy;
        (dies._store, dies._writesLeft) = (store, writes);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IPredictionStore.InsertPredictionsAsync) && Interlocked.Decrement(ref _writesLeft) < 0)
            return new TaskCompletionSource().Task;
        try
        {
            return targetMethod.Invoke(_store, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
