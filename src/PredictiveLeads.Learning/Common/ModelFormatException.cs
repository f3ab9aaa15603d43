namespace PredictiveLeads.Learning.Common;

/// <summary>A model file that cannot be used: missing, corrupt, of another format or version, or inconsistent.</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : Exception(message, inner);
