using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PredictiveLeads.Api.Tests;

/// <summary>The exceptions the service logged at Error or above, in order.</summary>
public sealed class LoggedErrors : ILoggerProvider, IEnumerable<Exception>
{
    private readonly ConcurrentQueue<Exception> _errors = new();

    public ILogger CreateLogger(string categoryName) => new Logger(_errors);

    public IEnumerator<Exception> GetEnumerator() => _errors.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<Exception> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
                errors.Enqueue(exception);
        }
    }
}
