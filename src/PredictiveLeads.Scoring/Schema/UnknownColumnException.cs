namespace PredictiveLeads.Scoring.Schema;

/// <summary>
/// A flag or schema entry names a column the file does not have: a typo or the wrong file. The command line
/// treats it as a usage error (exit 2), since the request itself is wrong, not the data.
/// </summary>
public sealed class UnknownColumnException(string message) : Exception(message);
