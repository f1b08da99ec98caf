// The messages between the calculator page and the engine's worker, both ways: the one place
// that defines them. Plain JSON only (never a PyProxy); every message has a `type`.
//
//   page → worker   request   {type, id, name, payload}   name: scheme | parse | score | export
//   worker → page   progress  {type, stage}               while Python loads
//                   ready     {type}                      Python and the package are loaded
//                   failed    {type, message}             the runtime cannot (or can no longer) run
//                   reply     {type, id, ok, result | error}   one per request, same id
//
// The worker may receive requests before it is ready; it answers them once Python is loaded.

export const Message = Object.freeze({
  request: (id, name, payload) => ({ type: "request", id, name, payload }),
  progress: (stage) => ({ type: "progress", stage }),
  ready: () => ({ type: "ready" }),
  failed: (message) => ({ type: "failed", message: String(message) }),
  // reply: what calculator.service.handle returned, {ok, result} or {ok: false, error}
  reply: (id, reply) => ({ type: "reply", id, ...reply }),
});

export const STAGES = Object.freeze({
  runtime: "正在加载 Python 运行环境……",
  package: "正在加载评分引擎……",
});
