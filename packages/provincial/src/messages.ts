import { cliLanguage, defineMessages, type Message } from '@union-graph/subgraph-kit';

/** What the provincial tools tell a provincial IT team, in the language of their terminal (`LANG`). */
export const provincialText = defineMessages('provincial', {
  schemaParse: { zh: 'schema 无法解析：{detail}', en: 'the schema does not parse: {detail}' },
  ownFieldsOnly: {
    zh: '{coordinate} 使用了 @{directive}：省级子图只能拥有自己的字段',
    en: '{coordinate} uses @{directive}: a provincial subgraph owns only its own fields',
  },
  coreField: {
    zh: '{coordinate} 是核心字段：省级子图可以给 {type} 增加字段，但不能重新定义',
    en: '{coordinate} is a core field: a provincial subgraph may add fields to {type}, never redefine one',
  },
  fieldPrefix: {
    zh: '{coordinate} 须以 "{prefix}" 开头（如 {example}），以免各省冲突',
    en: '{coordinate} must start with "{prefix}" (e.g. {example}) so provinces cannot collide',
  },
  nullableField: {
    zh: '{coordinate} 须可为空（{nullable}，而非 {declared}）：本子图停机时该字段为 null，而不是整个 {type}',
    en: '{coordinate} must be nullable ({nullable}, not {declared}): when this subgraph is down the field becomes null instead of the whole {type}',
  },
  rootFieldPrefix: {
    zh: '根字段 {coordinate} 须以 "{prefix}" 开头（如 {example}）',
    en: 'root field {coordinate} must start with "{prefix}" (e.g. {example})',
  },
  commonType: {
    zh: '{type} 由子图工具包为每个子图定义：直接使用，不要重新定义',
    en: '{type} is defined by the subgraph kit for every subgraph: use it, do not redefine it',
  },
  typePrefix: {
    zh: '类型 {type} 须以 "{prefix}" 开头（如 {example}），以免各省冲突',
    en: 'type {type} must start with "{prefix}" (e.g. {example}) so provinces cannot collide',
  },
  coreType: {
    zh: '{type} 是核心类型：省级子图只能按键扩展 {extensible}',
    en: '{type} is a core type: a provincial subgraph may extend only {extensible}, by key',
  },
  coreEntityKey: {
    zh: '{type} 是核心实体：请用 @key(fields: "{key}") 声明',
    en: '{type} is a core entity: declare it with @key(fields: "{key}")',
  },
  unknownKey: {
    zh: '{type} 没有核心键 "{fieldSet}"：请使用 {keys} 之一',
    en: '{type} has no core key "{fieldSet}": use one of {keys}',
  },
  personalUndeclared: {
    zh: '{coordinate} 是含个人信息类型的字段：请用 @personal(kind: …) 声明其所含内容，无个人信息则为 NONE',
    en: '{coordinate} is a field of a person-holding type: declare what it holds with @personal(kind: …), NONE if nothing personal',
  },
  personalNullable: {
    zh: '{coordinate} 含有个人信息（{kind}），须可为空：工具包会对无权查看的调用者置为 null',
    en: '{coordinate} holds personal data ({kind}) and must be nullable: the kit nulls it for callers who may not see it',
  },
  namespaceShared: {
    zh: '命名空间 {namespace} 也被 {other} 使用：每个省级子图须有自己的命名空间',
    en: 'namespace {namespace} is also used by {other}: each provincial subgraph needs its own',
  },
  registerRefused: {
    zh: '注册 {name} 被拒绝，未写入任何内容',
    en: 'registering {name} refused, nothing written',
  },
  unregisterRefused: {
    zh: '注销 {name} 被拒绝，未写入任何内容',
    en: 'unregistering {name} refused, nothing written',
  },
  notProvincial: {
    zh: '{pkg}/package.json 没有 "unionGraph" 段：只有省级子图以这种方式注册',
    en: '{pkg}/package.json has no "unionGraph" block: only provincial subgraphs are registered this way',
  },
  coreSubgraph: {
    zh: '{name} 是核心子图：不能注销',
    en: '{name} is a core subgraph: it cannot be unregistered',
  },
  notRegistered: { zh: '{name} 未注册', en: '{name} is not registered' },
  provinceCode: {
    zh: '--province {province} 不是省级 GB/T 2260 代码（如 440000）',
    en: '--province {province} is not a province-level GB/T 2260 code (e.g. 440000)',
  },
  nameFormat: {
    zh: '--name {name} 须为小写短横线格式（如 guangdong）',
    en: '--name {name} must be lower-case kebab-case (e.g. guangdong)',
  },
  namespaceFormat: {
    zh: '--namespace {namespace} 须为一个大写字母加 1 至 7 个小写字母（如 Gd）',
    en: '--namespace {namespace} must be a capital letter and 1–7 lower-case letters (e.g. Gd)',
  },
  folderExists: { zh: 'services/{name} 已存在', en: 'services/{name} already exists' },
  namespaceTaken: {
    zh: '命名空间 {namespace} 已被 services/{dir} 使用',
    en: 'namespace {namespace} is already used by services/{dir}',
  },
  placeholder: {
    zh: '模板占位符 {placeholder} 没有值',
    en: 'template placeholder {placeholder} has no value',
  },
  required: { zh: '缺少 --{option}\n{usage}', en: '--{option} is required\n{usage}' },
  noUnionGraphBlock: {
    zh: '{candidate}/package.json 没有 "unionGraph" 段',
    en: '{candidate}/package.json has no "unionGraph" block',
  },
  checkFailed: { zh: '省级子图检查未通过', en: 'provincial check failed' },
  created: { zh: '已创建 services/{name}：\n{files}', en: 'created services/{name}:\n{files}' },
  createdNext: {
    zh: '下一步：npm install --no-audit --no-fund（链接新工作区），再看 packages/provincial/README.md',
    en: 'next: npm install --no-audit --no-fund (links the new workspace), then see packages/provincial/README.md',
  },
  checked: {
    zh: '省级子图符合规则并能组合：{names}',
    en: 'provincial subgraphs follow the rules and compose: {names}',
  },
  noneRegistered: { zh: '尚未注册', en: 'none registered' },
  registered: {
    zh: '已注册 {name}；gateway/supergraph.graphql 已重新组合（运行中的网关会切换到它）',
    en: 'registered {name}; gateway/supergraph.graphql recomposed (a running gateway swaps to it)',
  },
  unregistered: {
    zh: '已注销 {name}；gateway/supergraph.graphql 已重新组合',
    en: 'unregistered {name}; gateway/supergraph.graphql recomposed',
  },
});

/** A message in the terminal's language. */
export const say = (message: Message): string => message.render(cliLanguage());
