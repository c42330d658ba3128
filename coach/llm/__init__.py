"""Talking to an OpenAI-compatible model: the client, failures, token counts, prices and the context budget.

Shared by the model counterpart and the LLM judge. Nothing here is imported until a model is used, so
the offline paths never load openai or tiktoken.
"""
