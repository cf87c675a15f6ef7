namespace AccountAdmin.Core.Email;

/// <summary>The message can never be delivered as addressed: the address can't be written, or the server refused it for good (5xx).</summary>
public sealed class UndeliverableEmailException(string message, Exception? inner = null) : Exception(message, inner);
