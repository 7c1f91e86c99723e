// A dummy program the handler tests run for real, as CliWrap's own tests do. The first argument is the verb.
using System.Globalization;
using Scheduler.TestProgram;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: scheduler-test-program VERB [ARGS...] (see Program.cs)");
    return 2;
}

var rest = args[1..];
return args[0] switch
{
    "exit" => int.Parse(rest[0], CultureInfo.InvariantCulture),
    "echo" => Verbs.Echo(Console.Out, rest),
    "echo-stderr" => Verbs.Echo(Console.Error, rest),
    "args" => Verbs.PrintArguments(rest),
    "interleave" => Verbs.Interleave(int.Parse(rest[0], CultureInfo.InvariantCulture)),
    "sleep" => Verbs.Sleep(double.Parse(rest[0], CultureInfo.InvariantCulture)),
    "ignore-term" => Verbs.IgnoreTermAndSleep(),
    "flood" => Verbs.Flood(long.Parse(rest[0], CultureInfo.InvariantCulture)),
    "env" => Verbs.Echo(Console.Out, [Environment.GetEnvironmentVariable(rest[0]) ?? "<unset>"]),
    "pwd" => Verbs.Echo(Console.Out, [Directory.GetCurrentDirectory()]),
    "ids" => Verbs.PrintIds(),
    "write-file" => Verbs.WriteFile(rest[0], rest[1]),
    "spawn-child" => Children.SpawnAndSleep(rest[0], ignoreTerm: false),
    "spawn-child-ignoring-term" => Children.SpawnAndSleep(rest[0], ignoreTerm: true),
    "spawn-background" => Children.SpawnAndExit(rest[0]),
    "child" => Children.RunAsChild(rest[0], ignoreTerm: rest.Length > 1 && rest[1] == "ignore-term"),
    _ => Verbs.Unknown(args[0]),
};
