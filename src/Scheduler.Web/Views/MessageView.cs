namespace Scheduler.Web.Views;

/// <summary>A page that only says something: a heading and a sentence.</summary>
public sealed record MessageView(string Heading, string Text);
