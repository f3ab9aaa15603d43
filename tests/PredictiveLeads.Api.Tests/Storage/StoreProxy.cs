using System.Reflection;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>A real store behind a proxy that a test can make misbehave or watch; what it does not change goes to the store.</summary>
public abstract class StoreProxy : DispatchProxy
{
    protected IPredictionStore Inner { get; private set; } = null!;

    protected static (IPredictionStore Store, TProxy Proxy) Wrap<TProxy>(IPredictionStore store) where TProxy : StoreProxy
    {
        var proxy = Create<IPredictionStore, TProxy>();
        var typed = (TProxy)(object)proxy;
        typed.Inner = store;
        return (proxy, typed);
    }

    protected object? Forward(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(Inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
