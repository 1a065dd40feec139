require "uri"
require "progress_cache"

RSpec.describe ProgressCache, :redis do
  subject(:cache) { described_class.new(@redis) }

  it "uses the database REDIS_URL names" do
    expect(@redis.connection[:db]).to eq(URI(ENV.fetch("REDIS_URL")).path.delete_prefix("/").to_i)
  end

  it "round-trips a learner's progress through Redis" do
    cache.record(@learner, 42, 75)
    expect(cache.percent(@learner, 42)).to eq(75)
    expect(@redis.get("progress:#{@learner}:42")).to eq("75")
  end

  it "expires the progress after a day" do
    cache.record(@learner, 7, 10)
    expect(@redis.ttl(cache.key(@learner, 7))).to be_between(1, ProgressCache::TTL_SECONDS)
  end

  it "answers nil for progress never recorded" do
    expect(cache.percent(@learner, 99)).to be_nil
  end

  it "refuses a percent outside 0 to 100" do
    expect { cache.record(@learner, 1, 101) }.to raise_error(ArgumentError, /got 101/)
    expect(cache.percent(@learner, 1)).to be_nil
  end
end
