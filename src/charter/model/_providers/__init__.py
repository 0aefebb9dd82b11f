"""Built-in providers. Each module registers itself with ``@provider``; heavy optional
dependencies are imported inside the provider, on first use. The registry imports a
provider's module when its name is first looked up (``get_model("openai/...")`` imports
``openai`` alone), and every module when the providers are listed (``charter models``).

=============  ==============================================================
``openai/``    OpenAI Chat Completions and OpenAI-compatible servers
               (``ollama/`` and ``vllm/`` are the same client, local default URLs)
``anthropic/`` Anthropic Messages API
``http/``      any HTTP application endpoint, with request/response templates
``python/``    any Python callable ``module:function``
``replay/``    logged responses of an existing system (JSONL)
``hf/``        a transformers causal LM in-process (extra ``hf``)
``local/``     a GGUF model in-process through llama.cpp (extra ``local``)
``mock/``      deterministic offline behaviours for tests and demos
=============  ==============================================================

Third-party providers use the same path. Subclass :class:`charter.model.ModelAPI` (or, for
a JSON-over-HTTP API, :class:`charter.model.HTTPChatAPI` and write ``build_request`` and
``parse_response``), decorate it with ``@provider("name")``, and advertise the module in
the ``charter`` entry-point group so Charter imports it when the registry is first used::

    # mypkg/charter_plugin.py
    from charter.model import ModelAPI, ModelOutput, provider

    @provider("acme")
    class AcmeModel(ModelAPI):
        '''Acme chat API.'''
        async def generate(self, messages, config):
            text = await call_acme(self.model, [m.to_openai() for m in messages])
            return ModelOutput(model=f"acme/{self.model}", choices=[text])

    # pyproject.toml of mypkg
    [project.entry-points.charter]
    acme = "mypkg.charter_plugin"

Then ``get_model("acme/large")`` and ``charter ask acme/large "hi"`` work, and
``charter models`` lists it. Raise :class:`~charter.errors.ModelError` with
``retryable=True`` (and ``retry_after``) for transient failures; the runner retries.
"""
