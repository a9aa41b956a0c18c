// A worker's resources (run inside the worker): its times count from its own start, so they are
// shifted by the difference of time origins onto the page's clock (the page's origin is the argument).
(pageOrigin) =>
  performance.getEntriesByType("resource").map((r) => ({
    name: r.name, initiatorType: `worker:${r.initiatorType}`, transferSize: r.transferSize,
    encodedBodySize: r.encodedBodySize, decodedBodySize: r.decodedBodySize,
    startTime: r.startTime + performance.timeOrigin - pageOrigin,
    responseEnd: r.responseEnd + performance.timeOrigin - pageOrigin,
    worker: self.location.pathname,
  }))
