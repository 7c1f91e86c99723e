// Reads the YAML that `kubectl kustomize` printed (a file named by the first argument) and checks every object against
// the Kubernetes schema of its apiVersion and kind, as published in the kubernetes-models package. Prints one JSON
// document: { objects: [...every object...], problems: ["Kind/name: what is wrong", ...] }. Exit code 0 either way:
// the test reads the problems and says which object and field is wrong.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const documents = parseAllDocuments(readFileSync(process.argv[2], "utf8"));
const objects = [];
const problems = [];

for (const document of documents) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  // An empty document: what older kustomize leaves where a patch deleted an object.
  if (object === null || (typeof object === "object" && Object.keys(object).length === 0)) {
    continue;
  }
  objects.push(object);
  const name = `${object.kind}/${object.metadata?.name}`;
  const model = await modelOf(object.apiVersion, object.kind);
  if (model === undefined) {
    problems.push(`${name}: kubernetes-models has no schema for apiVersion ${object.apiVersion}, kind ${object.kind}`);
    continue;
  }
  try {
    new model(object).validate();
  } catch (error) {
    const details = (error.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
    problems.push(`${name}: ${details.length > 0 ? details.join("; ") : error.message}`);
  }
}

process.stdout.write(JSON.stringify({ objects, problems }));

// "apps/v1" is kubernetes-models/apps/v1, the core "v1" is kubernetes-models/v1; the class is named by the kind.
async function modelOf(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[\w.\-/]+$/.test(apiVersion)) {
    return undefined;
  }
  try {
    const module = await import(`kubernetes-models/${apiVersion}`);
    return module[kind];
  } catch {
    return undefined;
  }
}
