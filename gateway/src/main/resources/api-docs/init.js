// The merged document of every service, as the gateway serves it; "Try it out" calls go through this origin.
window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  docExpansion: 'none',
  tagsSorter: 'alpha',
  persistAuthorization: false,
});
