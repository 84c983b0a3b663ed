import path from 'node:path';
import ts from 'typescript';

/**
 * Every key of an audit entry's details that the code of `src/` can write, read from the code by the
 * TypeScript checker: the details given to `auditAct`/`recordAudit` (object literals, their spreads,
 * the fields of `changesOf`, groups under `changes`, and the callers of a helper that passes its
 * parameter on). What cannot be told from the types is returned as `unknown` (file:line), so the
 * test fails rather than let a key through unseen.
 */
export function auditDetailKeys(root: string): { keys: Set<string>; unknown: string[] } {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = parsed.fileNames.filter((f) => f.includes(`${path.sep}src${path.sep}`) && !/\.test\.tsx?$/.test(f));
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const keys = new Set<string>();
  const unknown: string[] = [];
  const where = (n: ts.Node) => {
    const sf = n.getSourceFile();
    return `${path.relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  };

  /** The string literals a type stands for ('a' | 'b', readonly ['a', 'b'], ('a' | 'b')[]). */
  const literals = (type: ts.Type): string[] | null => {
    if (type.isStringLiteral()) return [type.value];
    if (type.isUnion()) {
      const all = type.types.map(literals);
      return all.every(Boolean) ? (all.flat() as string[]) : null;
    }
    if (checker.isTupleType(type) || checker.isArrayType(type)) {
      const args = checker.getTypeArguments(type as ts.TypeReference);
      const all = args.map(literals);
      return all.length && all.every(Boolean) ? (all.flat() as string[]) : null;
    }
    return null;
  };

  const isChangesOf = (e: ts.Expression): e is ts.CallExpression =>
    ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'changesOf';

  /** Keys given by `name.key = …` in the function that declares `name` (the expenses' `changed.events`). */
  const assignedKeys = (decl: ts.Node, name: string) => {
    let scope: ts.Node = decl;
    while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
    const visit = (n: ts.Node) => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        ts.isIdentifier(n.left.expression) &&
        n.left.expression.text === name
      )
        keys.add(n.left.name.text);
      ts.forEachChild(n, visit);
    };
    visit(scope);
  };

  function collect(e: ts.Expression, nested = false): void {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isSpreadAssignment(p)) collect(p.expression, nested);
        else if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          keys.add(p.name.text);
          // `changes: { city: { from, to } }`: the page reads the group's keys as fields.
          if (p.name.text === 'changes' && !nested) {
            if (ts.isPropertyAssignment(p)) collect(p.initializer, true);
            if (ts.isShorthandPropertyAssignment(p)) collect(p.name, true);
          }
        }
      }
      return;
    }
    if (ts.isConditionalExpression(e)) {
      collect(e.whenTrue, nested);
      collect(e.whenFalse, nested);
      return;
    }
    if (isChangesOf(e)) {
      const fields = e.arguments[2] && literals(checker.getTypeAtLocation(e.arguments[2]));
      if (fields) for (const k of fields) keys.add(k);
      else unknown.push(where(e));
      return;
    }
    if (ts.isIdentifier(e)) {
      const symbol = ts.isShorthandPropertyAssignment(e.parent)
        ? checker.getShorthandAssignmentValueSymbol(e.parent)
        : checker.getSymbolAtLocation(e);
      const decl = symbol?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && isChangesOf(decl.initializer)) {
        collect(decl.initializer, nested);
        assignedKeys(decl, e.text);
        return;
      }
      // A helper's parameter passed on: its callers' arguments are the details.
      if (decl && ts.isParameter(decl) && ts.isFunctionLike(decl.parent)) {
        const fn = decl.parent;
        const index = fn.parameters.indexOf(decl);
        const name = fn.name ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
        // The log's own helpers: their callers are walked as calls of them.
        if (name && ts.isIdentifier(name) && ['auditAct', 'recordAudit'].includes(name.text)) return;
        if (name && ts.isIdentifier(name)) {
          const visit = (n: ts.Node) => {
            if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name.text) {
              const arg = n.arguments[index];
              if (arg) collect(arg, nested);
            }
            ts.forEachChild(n, visit);
          };
          visit(fn.getSourceFile());
          return;
        }
      }
    }
    // Every member of a union (`Summary | null`, `A | B`) brings its keys.
    const type = checker.getNonNullableType(checker.getTypeAtLocation(e));
    for (const part of type.isUnion() ? type.types : [type]) {
      if (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
      if (checker.getIndexInfosOfType(part).length) {
        unknown.push(where(e));
        return;
      }
      for (const p of checker.getPropertiesOfType(part)) keys.add(p.name);
    }
  }

  for (const sf of program.getSourceFiles()) {
    if (!files.includes(sf.fileName)) continue;
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const name = n.expression.text;
        if (name === 'auditAct' && n.arguments[5]) collect(n.arguments[5]);
        if (name === 'recordAudit' && n.arguments[1] && ts.isObjectLiteralExpression(n.arguments[1])) {
          const details = n.arguments[1].properties.find(
            (p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'details',
          );
          if (details && ts.isPropertyAssignment(details)) collect(details.initializer);
          if (details && ts.isShorthandPropertyAssignment(details)) collect(details.name);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { keys, unknown };
}
