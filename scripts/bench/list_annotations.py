"""Peer of `rossum-bench client-list`: lists every annotation with the official Python SDK.

Usage: python list_annotations.py BASE_URL USERNAME PASSWORD MAX_IN_FLIGHT
Prints the number of annotations listed. The SDK's async client fetches pages of 100
(its default page size) with at most MAX_IN_FLIGHT requests in flight, like RossumKit.
"""

import asyncio
import sys

from rossum_api import AsyncRossumAPIClient
from rossum_api.dtos import UserCredentials


async def main() -> None:
    base_url, username, password, in_flight = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    client = AsyncRossumAPIClient(
        base_url, UserCredentials(username, password), max_in_flight_requests=in_flight
    )
    count = 0
    async for _annotation in client.list_annotations():
        count += 1
    print(count)


if __name__ == "__main__":
    asyncio.run(main())
